import Foundation
import Testing

@testable import BoshDirector

@Suite("DeploymentLock")
struct DeploymentLockTests {
    @Test func secondAcquirerInTheSameProcessIsRefusedWithTheHolder() throws {
        let dir = try InfraScratchDirectory()
        defer { dir.remove() }
        let started = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try DeploymentLock.acquire(deployment: "hello", stateDirectory: dir.path, command: "deploy", now: started)
        #expect(first.isHeld)
        #expect(first.path == dir.path + "/locks/hello.lock")
        do {
            _ = try DeploymentLock.acquire(deployment: "hello", stateDirectory: dir.path, command: "delete-deployment")
            Issue.record("the second acquire should fail")
        } catch let error as DeploymentLockError {
            guard case .alreadyLocked(let deployment, let holder, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(deployment == "hello")
            #expect(holder == DeploymentLock.Holder(pid: getpid(), command: "deploy", startedAt: started))
            #expect(error.description.hasPrefix("Failed to acquire lock for lock:deployment:hello"))
            #expect(error.description.contains("Locking process id is \(getpid()), description: 'deploy'"))
        }
        #expect(DeploymentLock.currentHolder(deployment: "hello", stateDirectory: dir.path)?.command == "deploy")
        // Another deployment is independent.
        let other = try DeploymentLock.acquire(deployment: "other", stateDirectory: dir.path, command: "deploy")
        other.release()
        first.release()
        #expect(!first.isHeld)
        #expect(DeploymentLock.currentHolder(deployment: "hello", stateDirectory: dir.path) == nil)
        let again = try DeploymentLock.acquire(deployment: "hello", stateDirectory: dir.path, command: "deploy")
        again.release()
    }

    @Test func anotherProcessSeesTheLockAndCanTakeItAfterRelease() async throws {
        let dir = try InfraScratchDirectory()
        defer { dir.remove() }
        let lock = try DeploymentLock.acquire(deployment: "hello", stateDirectory: dir.path, command: "deploy")
        // flock(1) -n exits 1 when the lock is held elsewhere.
        #expect(try await infraRunProcess("/usr/bin/flock", ["-n", lock.path, "true"]) == 1)
        lock.release()
        #expect(try await infraRunProcess("/usr/bin/flock", ["-n", lock.path, "true"]) == 0)
    }

    @Test func aDeadHolderLeavesNoStaleLock() async throws {
        let dir = try InfraScratchDirectory()
        defer { dir.remove() }
        let path = DeploymentLock.path(deployment: "hello", stateDirectory: dir.path)
        try FileManager.default.createDirectory(atPath: dir.path + "/locks", withIntermediateDirectories: true)
        // A child process holds the lock, then is killed (as a crashed deploy would be).
        let child = Process()
        // One process: the shell opens the file as fd 9, locks it with flock(1) (same open file description)
        // and becomes `sleep`, which keeps fd 9 and so the lock.
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", "exec 9>\"$0\"; flock 9 && exec sleep 30", path]
        try child.run()
        defer {
            if child.isRunning { child.terminate() }
        }
        var waited = 0
        while try await infraRunProcess("/usr/bin/flock", ["-n", path, "true"]) == 0 && waited < 100 {
            try await Task.sleep(for: .milliseconds(20))
            waited += 1
        }
        #expect(throws: DeploymentLockError.self) {
            _ = try DeploymentLock.acquire(deployment: "hello", stateDirectory: dir.path, command: "deploy")
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        var lock: DeploymentLock?
        for _ in 0..<100 where lock == nil {
            lock = try? DeploymentLock.acquire(deployment: "hello", stateDirectory: dir.path, command: "deploy")
            if lock == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(lock?.isHeld == true)
        lock?.release()
    }

    @Test func rejectsANameThatIsNotAFileName() throws {
        let dir = try InfraScratchDirectory()
        defer { dir.remove() }
        #expect(throws: DeploymentLockError.self) {
            _ = try DeploymentLock.acquire(deployment: "../x", stateDirectory: dir.path, command: "deploy")
        }
    }
}
