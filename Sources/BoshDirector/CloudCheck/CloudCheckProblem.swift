import BoshDirectorStore

/// A problem `bosh cloud-check` shows: its type, the director's description and the resolutions offered.
public struct CloudCheckProblem: Sendable, Hashable {
    /// One way to resolve a problem: its name (sent back by the CLI) and the plan the CLI shows.
    public struct Resolution: Sendable, Hashable {
        /// `ignore`, `recreate_vm`, `delete_vm_reference`…
        public var name: String
        /// What it does, in the director's words.
        public var plan: String
    }

    /// The stored problem.
    public var record: ProblemRecord
    /// The instance group of its instance.
    public var group: String
    /// The director's description, e.g. `VM for 'web/<uuid> (0)' with cloud ID 'vm-1' is not responding.`
    public var description: String
    /// The resolutions in the director's order.
    public var resolutions: [Resolution]
    /// The resolution `--auto` (a `null` choice) applies.
    public var defaultResolution: String

    static let ignore = Resolution(name: "ignore", plan: "Skip for now")
    static let recreateWithoutWait = Resolution(
        name: "recreate_vm_without_wait", plan: "Recreate VM without waiting for processes to start")
    static let recreate = Resolution(name: "recreate_vm", plan: "Recreate VM and wait for processes to start")

    /// The problem of `record` about `instance`; `nil` when its type is unknown.
    init?(_ record: ProblemRecord, instance: InstanceRecord) {
        self.record = record
        group = instance.group
        let cid = instance.vmCID.map { " with cloud ID '\($0)'" } ?? ""
        switch record.type {
        case "unresponsive_agent":
            description = "VM for '\(instance.displayName)'\(cid) is not responding."
            resolutions = [
                Self.ignore, Resolution(name: "reboot_vm", plan: "Reboot VM"), Self.recreateWithoutWait, Self.recreate,
                Resolution(name: "delete_vm", plan: "Delete VM"),
                Resolution(
                    name: "delete_vm_reference",
                    plan: "Delete VM reference (forceful; may need to manually delete VM from the Cloud to avoid IP conflicts)"),
            ]
            defaultResolution = "ignore"
        case "missing_vm":
            description = "VM for '\(instance.displayName)'\(cid) missing."
            resolutions = [Self.ignore, Self.recreateWithoutWait, Self.recreate, Resolution(name: "delete_vm_reference", plan: "Delete VM reference")]
            defaultResolution = "recreate_vm_without_wait"
        default:
            return nil
        }
    }

    /// The problems of `records` whose instance `deployment` still has, described.
    public static func describe(_ records: [ProblemRecord], in deployment: DeploymentRecord) -> [CloudCheckProblem] {
        records.compactMap { problem in deployment.instance(id: problem.instanceID).flatMap { Self(problem, instance: $0) } }
    }

    /// The handler name the director's errors use (`Bosh::Director::ProblemHandlers::MissingVM`).
    var handlerName: String {
        "Bosh::Director::ProblemHandlers::" + (record.type == "missing_vm" ? "MissingVM" : "UnresponsiveAgent")
    }
}
