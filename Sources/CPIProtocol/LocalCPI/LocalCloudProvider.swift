import Foundation

/// A working CPI on the local machine, built on ``CloudProvider``: `boshkit local-cpi --state-dir DIR` runs it.
///
/// - A stemcell is a record of its image's SHA-256 digest (`stemcells/<cid>.json`).
/// - A VM is a directory `vms/<cid>/` holding the agent settings a director would pass (`settings.json`:
///   agent_id, vm name, mbus URL, networks, disks, env) and, when ``LocalCPIConfiguration/agentCommand`` is set,
///   the agent's process, started by `create_vm` and stopped by `delete_vm`.
/// - A disk is a directory `disks/<cid>/data/`; attaching it records it in the VM's settings with the hint
///   `{"path": "<data directory>"}`.
///
/// All state is on disk and written atomically, so `has_vm`, `has_disk` and `get_disks` tell the truth across
/// separate CPI processes. It implements API version 3.
public struct LocalCloudProvider: CloudProvider {
    /// The configuration.
    public let configuration: LocalCPIConfiguration
    let store: LocalCPIStore

    /// Creates the provider.
    public init(configuration: LocalCPIConfiguration) {
        self.configuration = configuration
        self.store = LocalCPIStore(root: configuration.stateDirectory)
    }

    /// 3: `create_stemcell` records the `tags` of its `env` argument.
    public var maximumAPIVersion: Int { 3 }

    /// API version 3 and the configured stemcell formats.
    public func info(_ arguments: InfoArguments, context: CPICallContext) async throws -> CPIInfo {
        CPIInfo(apiVersion: maximumAPIVersion, stemcellFormats: configuration.stemcellFormats)
    }

    static func makeCID(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.lowercased())" }

    // MARK: Stemcells

    /// Records the image by digest; the same image gives the same cid.
    public func createStemcell(_ arguments: CreateStemcellArguments, context: CPICallContext) async throws -> String {
        guard FileManager.default.fileExists(atPath: arguments.imagePath) else {
            throw CPIError.cloudError(message: "Stemcell image '\(arguments.imagePath)' does not exist")
        }
        let digest = try ImageDigest.sha256Hex(ofFileAt: arguments.imagePath)
        let cid = "stemcell-\(digest.prefix(20))"
        try store.locked {
            let record = LocalStemcellRecord(
                cid: cid, sha256: digest, imagePath: arguments.imagePath, cloudProperties: arguments.cloudProperties,
                tags: arguments.tags
            )
            try store.write(record, to: store.stemcellFile(cid))
        }
        context.logger.info("created stemcell", metadata: ["stemcell_cid": "\(cid)", "sha256": "\(digest)"])
        return cid
    }

    /// Removes the record; deleting a missing stemcell succeeds.
    public func deleteStemcell(_ arguments: DeleteStemcellArguments, context: CPICallContext) async throws {
        try store.locked {
            let url = store.stemcellFile(arguments.cid)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        }
    }

    // MARK: VMs

    /// Writes the VM directory (atomically), then starts the agent; a failed start removes the VM again.
    public func createVM(_ arguments: CreateVMArguments, context: CPICallContext) async throws -> CreateVMResult {
        let cid = Self.makeCID("vm")
        let networks = CPINetwork.encodeNetworks(arguments.networks)
        try store.locked {
            guard FileManager.default.fileExists(atPath: store.stemcellFile(arguments.stemcellCID).path) else {
                throw CPIError.vmCreationFailed(message: "Stemcell '\(arguments.stemcellCID)' not found")
            }
            let record = LocalVMRecord(
                cid: cid, agentID: arguments.agentID, stemcellCID: arguments.stemcellCID,
                cloudProperties: arguments.cloudProperties, networks: networks, env: arguments.env,
                attachedDiskCIDs: [], metadata: [:], agent: nil, createdAt: Date().formatted(.iso8601)
            )
            let settings = agentSettings(arguments, vmCID: cid, networks: networks, context: context)
            try store.createDirectory(at: store.vmDirectory(cid)) { staging in
                try store.write(settings, to: staging.appendingPathComponent("settings.json"))
                try store.write(record, to: staging.appendingPathComponent("vm.json"))
            }
            do {
                try startAgent(for: record)
            } catch {
                try? store.removeDirectory(at: store.vmDirectory(cid))
                throw error
            }
        }
        context.logger.info("created vm", metadata: ["vm_cid": "\(cid)", "agent_id": "\(arguments.agentID)"])
        return CreateVMResult(vmCID: cid, networks: arguments.networks)
    }

    /// Stops the agent, detaches the VM's disks and removes the VM directory.
    public func deleteVM(_ arguments: DeleteVMArguments, context: CPICallContext) async throws {
        try store.locked {
            let record = try store.vm(arguments.cid)
            record.agent?.stop(directory: store.vmDirectory(record.cid))
            for diskCID in record.attachedDiskCIDs {
                guard var disk = try store.read(LocalDiskRecord.self, at: store.diskFile(diskCID)) else { continue }
                disk.attachedTo = nil
                try store.write(disk, to: store.diskFile(diskCID))
            }
            try store.removeDirectory(at: store.vmDirectory(arguments.cid))
        }
        context.logger.info("deleted vm", metadata: ["vm_cid": "\(arguments.cid)"])
    }

    /// Whether the VM directory exists.
    public func hasVM(_ arguments: HasVMArguments, context: CPICallContext) async throws -> Bool {
        FileManager.default.fileExists(atPath: store.vmFile(arguments.cid).path)
    }

    /// Restarts the agent process, if there is one.
    public func rebootVM(_ arguments: RebootVMArguments, context: CPICallContext) async throws {
        try store.locked {
            let record = try store.vm(arguments.cid)
            record.agent?.stop(directory: store.vmDirectory(record.cid))
            try startAgent(for: record)
        }
    }

    /// Stores the metadata in the VM record.
    public func setVMMetadata(_ arguments: SetVMMetadataArguments, context: CPICallContext) async throws {
        try store.locked {
            var record = try store.vm(arguments.vmCID)
            record.metadata = arguments.metadata
            try store.write(record, to: store.vmFile(arguments.vmCID))
        }
    }

    /// Echoes the resources as cloud properties.
    public func calculateVMCloudProperties(
        _ arguments: CalculateVMCloudPropertiesArguments, context: CPICallContext
    ) async throws -> [String: JSONValue] {
        arguments.resources.json.objectValue ?? [:]
    }

    /// The settings a registry-less agent reads: see the agent's `settings.json`.
    func agentSettings(
        _ arguments: CreateVMArguments, vmCID: String, networks: JSONValue, context: CPICallContext
    ) -> JSONValue {
        let agent = context.context.properties["agent"]?.objectValue ?? [:]
        let mbus = configuration.mbusURL ?? agent["mbus"]?.stringValue ?? "nats://127.0.0.1:4222"
        var settings: [String: JSONValue] = [
            "agent_id": .string(arguments.agentID),
            "vm": ["name": .string(vmCID)],
            "mbus": .string(mbus),
            "networks": networks,
            "disks": ["persistent": [:]],
            "ntp": agent["ntp"] ?? [],
            "env": .object(arguments.env),
        ]
        if let blobstore = agent["blobstore"] { settings["blobstore"] = blobstore }
        return .object(settings)
    }

    /// Starts the configured agent for a VM and records its pid.
    func startAgent(for record: LocalVMRecord) throws {
        guard let command = configuration.agentCommand else { return }
        let directory = store.vmDirectory(record.cid)
        var environment = ProcessInfo.processInfo.environment
        environment["BOSHKIT_AGENT_SETTINGS"] = store.settingsFile(record.cid).path
        environment["BOSHKIT_VM_DIR"] = directory.path
        environment["BOSHKIT_VM_CID"] = record.cid
        environment["BOSHKIT_AGENT_ID"] = record.agentID
        let agent: LocalAgentProcess
        do {
            agent = try LocalAgentProcess.start(command: command, directory: directory, environment: environment)
        } catch let error as CPIError {
            throw error
        } catch {
            throw CPIError.vmCreationFailed(message: "Cannot start the agent: \(error)")
        }
        var updated = record
        updated.agent = agent
        try store.write(updated, to: store.vmFile(record.cid))
    }
}
