/// The argument of `calculate_vm_cloud_properties`: what a VM type must provide.
public struct VMResources: Sendable, Hashable {
    /// `cpu`: number of CPUs.
    public var cpu: Int
    /// `ram`: memory in MiB.
    public var ram: Int
    /// `ephemeral_disk_size`: ephemeral disk size in MiB.
    public var ephemeralDiskSize: Int

    /// Creates resource requirements.
    public init(cpu: Int, ram: Int, ephemeralDiskSize: Int) {
        self.cpu = cpu
        self.ram = ram
        self.ephemeralDiskSize = ephemeralDiskSize
    }

    /// The requirements as their JSON object.
    public var json: JSONValue {
        ["cpu": .int(cpu), "ram": .int(ram), "ephemeral_disk_size": .int(ephemeralDiskSize)]
    }
}
