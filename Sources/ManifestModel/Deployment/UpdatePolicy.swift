import BoshYAML

/// The `update:` block (deployment-wide or per instance group): canaries, batches and watch times.
public struct UpdatePolicy: ManifestObject {
    /// How many canary instances update first.
    public var canaries: Int?
    /// How many instances update at once after the canaries.
    public var maxInFlight: MaxInFlight?
    /// How long to wait for a canary to be running.
    public var canaryWatchTime: WatchTime?
    /// How long to wait for an instance to be running.
    public var updateWatchTime: WatchTime?
    /// Whether instance groups update one after another (`true`, the default) or in parallel.
    public var serial: Bool?
    /// `delete-create` or `create-swap-delete`.
    public var vmStrategy: String?
    /// `serial` or `parallel` updates across AZs on first deploy.
    public var initialDeployAZUpdateStrategy: String?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<UpdatePolicy>] = [
        .optional("canaries", \.canaries), .optional("max_in_flight", \.maxInFlight),
        .optional("canary_watch_time", \.canaryWatchTime), .optional("update_watch_time", \.updateWatchTime),
        .optional("serial", \.serial), .optional("vm_strategy", \.vmStrategy),
        .optional("initial_deploy_az_update_strategy", \.initialDeployAZUpdateStrategy),
    ]

    public static func check(_ value: UpdatePolicy, _ d: NodeDecoder) {
        if let c = value.canaries, c < 0 { d.child("canaries")?.problem("canaries must not be negative") }
        if let s = value.vmStrategy, s != "delete-create" && s != "create-swap-delete" {
            d.child("vm_strategy")?.problem("unknown vm_strategy '\(s)' (expected delete-create or create-swap-delete)")
        }
    }

    /// This policy with unset fields taken from `fallback` (an instance group's update over the deployment's).
    public func merged(over fallback: UpdatePolicy?) -> UpdatePolicy {
        guard let fallback else { return self }
        var m = self
        m.canaries = canaries ?? fallback.canaries
        m.maxInFlight = maxInFlight ?? fallback.maxInFlight
        m.canaryWatchTime = canaryWatchTime ?? fallback.canaryWatchTime
        m.updateWatchTime = updateWatchTime ?? fallback.updateWatchTime
        m.serial = serial ?? fallback.serial
        m.vmStrategy = vmStrategy ?? fallback.vmStrategy
        m.initialDeployAZUpdateStrategy = initialDeployAZUpdateStrategy ?? fallback.initialDeployAZUpdateStrategy
        return m
    }
}
