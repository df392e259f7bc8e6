/// Machine vitals, as in heartbeats and `get_state ["full"]`.
///
/// Every figure is a **string** (`"3.5"`), except ``Uptime/seconds``, as bosh-agent sends them; empty members are
/// left out.
public struct Vitals: Codable, Hashable, Sendable {
    /// CPU use in percent.
    public var cpu: CPU
    /// Disk use by disk (`system`, `ephemeral`, `persistent`).
    public var disk: [String: Disk]?
    /// The 1, 5 and 15 minute load averages.
    public var load: [String]?
    /// Memory use.
    public var mem: Memory
    /// Swap use.
    public var swap: Memory
    /// Time since boot.
    public var uptime: Uptime

    /// Creates vitals.
    public init(
        cpu: CPU = CPU(), disk: [String: Disk]? = nil, load: [String]? = nil, mem: Memory = Memory(),
        swap: Memory = Memory(), uptime: Uptime = Uptime()
    ) {
        self.cpu = cpu
        self.disk = disk
        self.load = load
        self.mem = mem
        self.swap = swap
        self.uptime = uptime
    }

    /// CPU use in percent.
    public struct CPU: Codable, Hashable, Sendable {
        /// System time.
        public var sys: String?
        /// User time.
        public var user: String?
        /// I/O wait.
        public var wait: String?

        /// Creates CPU figures.
        public init(sys: String? = nil, user: String? = nil, wait: String? = nil) {
            self.sys = sys
            self.user = user
            self.wait = wait
        }
    }

    /// Memory or swap use.
    public struct Memory: Codable, Hashable, Sendable {
        /// KiB used.
        public var kb: String?
        /// Percent used.
        public var percent: String?

        /// Creates memory figures.
        public init(kb: String? = nil, percent: String? = nil) {
            self.kb = kb
            self.percent = percent
        }
    }

    /// Use of one disk.
    public struct Disk: Codable, Hashable, Sendable {
        /// Percent of blocks used.
        public var percent: String?
        /// Percent of inodes used.
        public var inodePercent: String?

        /// Creates disk figures.
        public init(percent: String? = nil, inodePercent: String? = nil) {
            self.percent = percent
            self.inodePercent = inodePercent
        }

        enum CodingKeys: String, CodingKey {
            case percent
            case inodePercent = "inode_percent"
        }
    }

    /// Time since boot: a number, unlike the other figures.
    public struct Uptime: Codable, Hashable, Sendable {
        /// Seconds since boot.
        public var seconds: UInt64?

        /// Creates an uptime.
        public init(seconds: UInt64? = nil) { self.seconds = seconds }

        enum CodingKeys: String, CodingKey {
            case seconds = "secs"
        }
    }
}
