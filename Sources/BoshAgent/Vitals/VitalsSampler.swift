import AgentProtocol
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads machine vitals from `/proc` (load, CPU, memory, swap, uptime) and `statvfs` (disks), formatted as
/// bosh-agent sends them: figures as strings, CPU as percent of the time since the previous sample.
public final class VitalsSampler: Sendable {
    private struct CPUSample: Sendable {
        var user: UInt64 = 0
        var system: UInt64 = 0
        var wait: UInt64 = 0
        var total: UInt64 = 0
    }

    private let layout: AgentLayout
    private let previous = Locked(CPUSample())

    /// A sampler whose `system` disk is the VM root and `ephemeral` disk is `var/vcap/data`.
    public init(layout: AgentLayout) { self.layout = layout }

    /// The vitals now.
    public func sample() -> Vitals {
        var vitals = Vitals()
        vitals.load = Self.load()
        vitals.cpu = cpu()
        let memory = Self.meminfo()
        if let total = memory["MemTotal"], total > 0 {
            let used = total - min(total, memory["MemAvailable"] ?? memory["MemFree"] ?? 0)
            vitals.mem = .init(kb: "\(used)", percent: "\(used * 100 / total)")
        }
        if let total = memory["SwapTotal"] {
            let used = total - min(total, memory["SwapFree"] ?? 0)
            vitals.swap = .init(kb: "\(used)", percent: total > 0 ? "\(used * 100 / total)" : "0")
        }
        var disks: [String: Vitals.Disk] = [:]
        if let system = Self.disk(layout.root.path) { disks["system"] = system }
        if let ephemeral = Self.disk(layout.data.path) { disks["ephemeral"] = ephemeral }
        if FileManager.default.fileExists(atPath: layout.store.path), let persistent = Self.disk(layout.store.path) {
            disks["persistent"] = persistent
        }
        vitals.disk = disks.isEmpty ? nil : disks
        if let text = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
            let seconds = Double(text.split(separator: " ").first ?? "")
        {
            vitals.uptime = .init(seconds: UInt64(seconds))
        }
        return vitals
    }

    private static func load() -> [String]? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ").prefix(3).map(String.init)
        return fields.count == 3 ? fields : nil
    }

    private func cpu() -> Vitals.CPU {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") })
        else { return Vitals.CPU() }
        let numbers = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard numbers.count >= 5 else { return Vitals.CPU() }
        func field(_ index: Int) -> UInt64 { index < numbers.count ? numbers[index] : 0 }
        // user nice system idle iowait irq softirq steal
        let now = CPUSample(
            user: field(0) + field(1), system: field(2) + field(5) + field(6), wait: field(4),
            total: numbers.prefix(8).reduce(0, +))
        let before = previous.withLock { value in
            defer { value = now }
            return value
        }
        let total = now.total > before.total ? Double(now.total - before.total) : 0
        guard total > 0 else { return Vitals.CPU(sys: "0.0", user: "0.0", wait: "0.0") }
        func percent(_ a: UInt64, _ b: UInt64) -> String {
            String(format: "%.1f", Double(a >= b ? a - b : 0) * 100 / total)
        }
        return Vitals.CPU(
            sys: percent(now.system, before.system), user: percent(now.user, before.user),
            wait: percent(now.wait, before.wait))
    }

    private static func meminfo() -> [String: UInt64] {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return [:] }
        var values: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " })
            if parts.count >= 2, let value = UInt64(parts[1]) { values[String(parts[0])] = value }
        }
        return values
    }

    /// MemTotal in KiB (0 when unknown).
    static func memoryTotalKB() -> Int { Int(meminfo()["MemTotal"] ?? 0) }

    private static func disk(_ path: String) -> Vitals.Disk? {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0, stats.f_blocks > 0 else { return nil }
        let blocks = UInt64(stats.f_blocks)
        let usedBlocks = blocks - min(blocks, UInt64(stats.f_bfree))
        var disk = Vitals.Disk(percent: "\(usedBlocks * 100 / blocks)")
        let files = UInt64(stats.f_files)
        if files > 0 { disk.inodePercent = "\((files - min(files, UInt64(stats.f_ffree))) * 100 / files)" }
        return disk
    }
}
