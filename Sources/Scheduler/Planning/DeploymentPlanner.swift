import Logging
import ManifestModel

/// Plans a deploy the way the director does: places instances in AZs, allocates addresses, resolves links,
/// decides each instance's change, lists what to compile and orders the updates.
///
/// Pure logic: give it the manifest, the cloud config and the current state; it returns a ``DeploymentPlan``
/// (or a ``SchedulerError`` naming the manifest or cloud-config path at fault) and performs no I/O.
///
/// ```swift
/// let planner = DeploymentPlanner(manifest: manifest, cloudConfig: cloud)
/// let plan = try planner.plan(state: .empty)
/// print(PlanRenderer.text(plan))
/// ```
public struct DeploymentPlanner: Sendable {
    /// The deployment manifest (interpolated).
    public var manifest: DeploymentManifest
    /// The cloud config (interpolated).
    public var cloudConfig: CloudConfig
    /// Link definitions of the release jobs; without it the plan has no links.
    public var linkCatalog: LinkCatalog?
    /// Packages of the releases; without it the plan has no compilation section.
    public var packageCatalog: PackageCatalog?
    /// Where planning decisions are logged (debug level).
    public var logger: Logger

    /// Creates a planner.
    /// - Parameters:
    ///   - manifest: The deployment manifest, with variables interpolated.
    ///   - cloudConfig: The cloud config, with variables interpolated.
    ///   - linkCatalog: The jobs' link definitions (from their release job specs), if links should be resolved.
    ///   - packageCatalog: The releases' packages, if compilation should be planned.
    ///   - logger: Receives debug messages about decisions.
    public init(
        manifest: DeploymentManifest, cloudConfig: CloudConfig, linkCatalog: LinkCatalog? = nil,
        packageCatalog: PackageCatalog? = nil, logger: Logger = Logger(label: "boshkit.scheduler")
    ) {
        self.manifest = manifest
        self.cloudConfig = cloudConfig
        self.linkCatalog = linkCatalog
        self.packageCatalog = packageCatalog
        self.logger = logger
    }

    /// Plans the deploy from `state`.
    /// - Throws: ``SchedulerError`` for unknown references, malformed networks, impossible placement,
    ///   exhausted networks, unresolvable links, package cycles or an incomplete update policy.
    public func plan(state: DeploymentState = .empty, options: PlanOptions = PlanOptions()) throws -> DeploymentPlan {
        let layout = try NetworkLayout(cloudConfig: cloudConfig)
        try ManifestChecks.check(manifest, cloudConfig, layout)
        var allocator = IPAllocator(layout: layout, deployment: manifest.name, usedElsewhere: state.usedElsewhere ?? [:])
        let groups = manifest.allInstanceGroups
        var existingByGroup: [String: [ExistingInstance]] = [:]
        for e in state.instances { existingByGroup[e.group, default: []].append(e) }
        var seed = SeededGenerator(seed: options.randomSeed)
        let randomize = manifest.features?.randomizeAZPlacement == true

        // 1. Placement (static IPs of manual networks decide AZs where given), indexes and bootstrap.
        var placements: [AZPlacement.Result] = []
        var indexesByGroup: [[Int]] = []
        var bootstrapByGroup: [Int?] = []
        for group in groups {
            let existing = existingByGroup[group.name] ?? []
            var manualStatic: [AZPlacement.StaticNetwork] = []
            var vipStatic: [AZPlacement.StaticNetwork] = []
            for network in group.networks ?? [] {
                guard let ips = try ManifestChecks.staticIPs(network, group: group) else { continue }
                let entry = AZPlacement.StaticNetwork(name: network.name, ips: ips, path: Paths.groupNetwork(group.name, network.name) + "/static_ips")
                switch layout.kind(of: network.name) {
                case .manual?: manualStatic.append(entry)
                case .vip?: vipStatic.append(entry)
                default: break
                }
            }
            let azs = group.azs ?? []
            var result: AZPlacement.Result
            if !manualStatic.isEmpty {
                result = try AZPlacement.place(
                    count: group.instances, azs: azs, existing: existing, staticNetworks: manualStatic,
                    layout: layout, group: group.name)
            } else {
                let tie: AZPlacement.TieBreak = randomize ? .random(SeededGenerator(seed: seed.next())) : .lowestName
                result = try AZPlacement.place(count: group.instances, azs: azs, existing: existing, tieBreak: tie, group: group.name)
            }
            for network in vipStatic { AZPlacement.assignVIPs(network, to: &result.slots) }
            logger.debug("placed instance group", metadata: ["group": "\(group.name)", "instances": "\(result.slots.count)", "obsolete": "\(result.obsolete.count)"])
            placements.append(result)
            let indexes = Self.assignIndexes(result.slots)
            indexesByGroup.append(indexes)
            bootstrapByGroup.append(Self.bootstrapSlot(result.slots, indexes: indexes))
        }

        // 2. Requested addresses first (static IPs, then addresses existing instances keep), then dynamic ones.
        for (g, group) in groups.enumerated() {
            for (i, slot) in placements[g].slots.enumerated() {
                for (network, ip) in slot.staticIPs.sorted(by: { $0.key < $1.key }) {
                    try allocator.reserve(
                        ip, in: network, for: Self.owner(group.name, slot, indexesByGroup[g][i]), name: Self.name(group.name, slot),
                        path: Paths.groupNetwork(group.name, network) + "/static_ips")
                }
            }
        }
        // Addresses of instances being deleted stay taken until they are gone (the director's IP repo still
        // lists them while this deploy is planned).
        let desiredGroups = Set(groups.map(\.name))
        let leaving = placements.flatMap(\.obsolete) + state.instances.filter { !desiredGroups.contains($0.group) }
        for e in leaving {
            for (network, ip) in e.addresses ?? [:] { allocator.markUsed(ip, in: network, by: e.name) }
        }
        var kept: [[[String: IPv4Address]]] = []
        for (g, group) in groups.enumerated() {
            var perSlot: [[String: IPv4Address]] = []
            for (i, slot) in placements[g].slots.enumerated() {
                var keep: [String: IPv4Address] = [:]
                for network in group.networks ?? [] where slot.staticIPs[network.name] == nil && layout.kind(of: network.name) == .manual {
                    guard let ip = slot.existing?.addresses?[network.name],
                        let subnet = allocator.subnet(of: ip, in: network.name), subnet.serves(az: slot.az),
                        !subnet.restricted.contains(ip), !subnet.staticPool.contains(ip),
                        allocator.holder(of: ip, in: network.name) == nil
                    else { continue }
                    try allocator.reserve(
                        ip, in: network.name, for: Self.owner(group.name, slot, indexesByGroup[g][i]), name: Self.name(group.name, slot),
                        path: Paths.groupNetwork(group.name, network.name))
                    keep[network.name] = ip
                }
                perSlot.append(keep)
            }
            kept.append(perSlot)
        }

        // 3. Addresses (dynamic ones in the director's instance plan order), then the desired spec per
        // instance (changes come once links are known).
        var groupPlans: [InstanceGroupPlan] = []
        for (g, group) in groups.enumerated() {
            let placement = placements[g]
            let indexes = indexesByGroup[g]
            let networks = group.networks ?? []
            var addressesBySlot = Array(repeating: [PlannedAddress](), count: placement.slots.count)
            let order = ReservationOrder.order(placement.slots.indices.map { i in
                ReservationOrder.Member(
                    az: placement.slots[i].az, id: placement.slots[i].existing?.id, index: indexes[i],
                    bootstrap: i == bootstrapByGroup[g])
            })
            for i in order {
                let staticIPs = placement.slots[i].staticIPs
                let az = placement.slots[i].az
                var addresses: [PlannedAddress] = []
                addresses.reserveCapacity(networks.count)
                for network in networks {
                    let isDefault = networks.count == 1 || network.default?.isEmpty == false
                    if let ip = staticIPs[network.name] {
                        addresses.append(PlannedAddress(network: network.name, ip: ip, kind: .static, isDefault: isDefault))
                    } else if let ip = kept[g][i][network.name] {
                        addresses.append(PlannedAddress(network: network.name, ip: ip, kind: .dynamic, isDefault: isDefault))
                    } else if layout.kind(of: network.name) == .dynamic {
                        addresses.append(PlannedAddress(network: network.name, ip: nil, kind: .iaas, isDefault: isDefault))
                    } else {
                        let ip = try allocator.allocateDynamic(
                            in: network.name, az: az, for: Self.owner(group.name, placement.slots[i], indexes[i]),
                            path: Paths.groupNetwork(group.name, network.name))
                        addresses.append(PlannedAddress(network: network.name, ip: ip, kind: .dynamic, isDefault: isDefault))
                    }
                }
                addressesBySlot[i] = addresses
            }
            let groupSpec = DesiredSpec.spec(for: group, manifest: manifest, cloudConfig: cloudConfig, packages: packageCatalog)
            var instances: [PlannedInstance] = []
            instances.reserveCapacity(placement.slots.count)
            for (i, slot) in placement.slots.enumerated() {
                let spec = groupSpec.with(addressesBySlot[i])
                let change = slot.existing == nil ? InstanceChange(action: .create, reasons: [.new]) : InstanceChange(action: .none)
                instances.append(PlannedInstance(
                    group: group.name, index: indexes[i], id: slot.existing?.id, az: slot.az, bootstrap: i == bootstrapByGroup[g],
                    addresses: addressesBySlot[i], change: change, ignored: slot.existing?.ignored == true, spec: spec))
            }
            if !zip(instances, instances.dropFirst()).allSatisfy({ $0.index < $1.index }) {
                instances = instances.indices.sorted { instances[$0].index < instances[$1].index }.map { instances[$0] }
            }
            let obsolete = placement.obsolete.map(Self.obsolete)
            groupPlans.append(InstanceGroupPlan(
                name: group.name, lifecycle: group.lifecycle?.rawValue ?? "service", azs: group.azs ?? [],
                instances: instances, obsolete: obsolete))
        }
        // Instance groups that disappeared from the manifest are deleted (the director's PreCleanup stage).
        for (name, existing) in existingByGroup.sorted(by: { $0.key < $1.key }) where !desiredGroups.contains(name) {
            let obsolete = existing.sorted { $0.index < $1.index }.map(Self.obsolete)
            groupPlans.append(InstanceGroupPlan(name: name, lifecycle: "service", azs: [], instances: [], obsolete: obsolete))
        }

        // 4. Links (they need the providers' instances and addresses).
        var links: [ResolvedLink] = []
        if let catalog = linkCatalog {
            links = try LinkResolver(deployment: manifest.name, manifest: manifest, catalog: catalog, groups: groupPlans, shared: state.sharedLinks ?? []).resolve()
        }

        // 5. The change of each existing instance, its desired spec now holding the digest of the links its
        // jobs consume (a provider's new instances, addresses or exposed property values update consumers).
        let linkDigests = linkCatalog.map { _ in LinkDigest.byGroup(links) }
        let existingByName = Dictionary(state.instances.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let requests = ChangeDetector.Requests(recreate: options.recreate, restart: options.restart)
        for g in groupPlans.indices {
            for i in groupPlans[g].instances.indices {
                let name = groupPlans[g].instances[i].group
                if let linkDigests { groupPlans[g].instances[i].spec.links = linkDigests[name] ?? LinkDigest.none }
                guard let id = groupPlans[g].instances[i].id, let existing = existingByName["\(name)/\(id)"],
                    existing.ignored != true
                else { continue }
                groupPlans[g].instances[i].change = ChangeDetector.change(
                    current: existing.current, desired: groupPlans[g].instances[i].spec, requests: requests)
            }
        }

        // 6. Compilation, update order.
        let compilation = try packageCatalog.map { try CompilationPlanner.plan(manifest: manifest, cloudConfig: cloudConfig, graph: $0) }
        let update = try UpdatePlanner.plan(manifest: manifest, groups: groupPlans, firstDeploy: state.instances.isEmpty)
        return DeploymentPlan(deployment: manifest.name, instanceGroups: groupPlans, links: links, compilation: compilation, update: update)
    }

    /// An instance that goes away.
    private static func obsolete(_ e: ExistingInstance) -> PlannedInstance {
        PlannedInstance(
            group: e.group, index: e.index, id: e.id, az: e.az, bootstrap: false,
            addresses: (e.addresses ?? [:]).sorted { $0.key < $1.key }.map {
                PlannedAddress(network: $0.key, ip: $0.value, kind: .dynamic, isDefault: false)
            },
            change: InstanceChange(action: .delete, reasons: [.obsolete]), ignored: false, spec: e.current ?? InstanceSpec())
    }

    /// The director's `group/uuid (index)` for an instance in messages (a new instance has no UUID yet: `new`).
    private static func owner(_ group: String, _ slot: AZPlacement.Slot, _ index: Int) -> String {
        "\(name(group, slot)) (\(index))"
    }

    /// The director's `group/uuid`, which holds the addresses an instance reserves.
    private static func name(_ group: String, _ slot: AZPlacement.Slot) -> String {
        slot.existing.map { "\(group)/\($0.id)" } ?? "\(group)/new"
    }

    /// Existing instances keep their index; new ones take the smallest unused index (`IndexAssigner`).
    static func assignIndexes(_ slots: [AZPlacement.Slot]) -> [Int] {
        var used = Set<Int>()
        for slot in slots { if let e = slot.existing { used.insert(e.index) } }
        var next = 0
        return slots.map { slot in
            if let e = slot.existing { return e.index }
            while used.contains(next) { next += 1 }
            used.insert(next)
            return next
        }
    }

    /// The slot of the bootstrap instance: the existing bootstrap instance if exactly one is kept, otherwise
    /// the lowest index (`instance_planner.rb#elect_bootstrap_instance`).
    static func bootstrapSlot(_ slots: [AZPlacement.Slot], indexes: [Int]) -> Int? {
        guard !slots.isEmpty else { return nil }
        let kept = slots.indices.filter { slots[$0].existing?.bootstrap == true }
        return kept.count == 1 ? kept[0] : slots.indices.min { indexes[$0] < indexes[$1] }
    }
}
