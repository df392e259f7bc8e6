import BoshDirectorStore
import Synchronization

/// One deployment's record while the director changes it: instance updates run concurrently and each change
/// is committed at once, one instance row at a time, in the order the changes were made.
final class DeploymentJournal: Sendable {
    private let state: Mutex<DeploymentRecord>
    private let gate = SerialGate()
    private let store: DirectorStore

    init(record: DeploymentRecord, store: DirectorStore) {
        self.state = Mutex(record)
        self.store = store
    }

    /// The record as last changed.
    var record: DeploymentRecord { state.withLock { $0 } }

    /// Applies `change` and commits what it changed: the deployment's own fields, changed instances, removed ones.
    func update(_ change: @Sendable (inout DeploymentRecord) -> Void) async throws {
        try await gate.run {
            let (before, after) = state.withLock { record -> (DeploymentRecord, DeploymentRecord) in
                let before = record
                change(&record)
                return (before, record)
            }
            var beforeFields = before
            beforeFields.instances = []
            var afterFields = after
            afterFields.instances = []
            if beforeFields != afterFields { try await store.saveFields(of: after) }
            for instance in after.instances where before.instance(id: instance.id) != instance {
                try await store.save(instance, deployment: after.name)
            }
            for instance in before.instances where after.instance(id: instance.id) == nil {
                try await store.removeInstance(instance.id, deployment: after.name)
            }
        }
    }

    /// Commits the whole record (the deployment's fields and every instance).
    func saveAll() async throws {
        try await gate.run { try await store.save(state.withLock { $0 }) }
    }
}
