import NIOCore
import Synchronization

/// Runs Swift tasks on a client's event loop, so a consumer or publisher that prefers it shares the thread
/// that does the client's I/O: no cross-thread wake-up per message or reply.
///
/// Jobs queue here and one loop task runs the jobs queued so far: a job costs an append under a lock, not a
/// closure allocation and a loop task of its own. Jobs enqueued while that batch runs (a task that yields, a
/// continuation resumed by a job) go into the next batch, one loop task later, so the loop still gets to I/O.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    let eventLoop: any EventLoop
    /// Jobs waiting for the loop, and whether a loop task to run them is scheduled.
    private let queue = Mutex<(jobs: [UnownedJob], scheduled: Bool)>(([], false))
    /// The storage of the batch last run, kept for the next swap (only touched on the loop).
    private var spare: [UnownedJob] = []
    /// Whether a batch of jobs is running right now (only touched on the loop).
    private(set) var runningBatch = false
    /// Set (on the loop, during a batch) to have `afterBatch` called once the batch is done.
    var afterBatchWanted = false
    /// Called after a batch that set `afterBatchWanted`: the client's look for publishes made meanwhile. Set once
    /// before the executor is used.
    var afterBatch: (() -> Void)?

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let schedule = queue.withLock { q -> Bool in
            q.jobs.append(job)
            if q.scheduled { return false }
            q.scheduled = true
            return true
        }
        // Capturing only `self`, the closure needs no context allocation.
        if schedule { eventLoop.execute { self.runQueued() } }
    }

    /// Runs the jobs queued so far, in order.
    private func runQueued() {
        var batch = spare
        spare = []
        queue.withLock { q in
            swap(&batch, &q.jobs)
            q.scheduled = false
        }
        let executor = asUnownedTaskExecutor()
        runningBatch = true
        for job in batch { job.runSynchronously(on: executor) }
        runningBatch = false
        batch.removeAll(keepingCapacity: true)
        spare = batch
        if afterBatchWanted {
            afterBatchWanted = false
            afterBatch?()
        }
    }
}
