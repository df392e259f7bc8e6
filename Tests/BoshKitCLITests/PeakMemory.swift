import Foundation

/// Runs the built `boshkit` and measures it: exit status and peak resident memory, which `boshkit` itself
/// reports at exit when `BOSHKIT_PEAK_RSS_FILE` is set (`VmHWM`; a parent's `wait4` would count the memory the
/// child inherited from the test process at `exec`).
enum PeakMemory {
    struct Measure {
        var status: Int32
        var peakKB: Int
    }

    /// Runs `boshkit ARGUMENTS` with output discarded; waits on the calling thread (use off the cooperative pool).
    static func boshkit(_ arguments: [String]) throws -> Measure {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("peak-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: report) }
        let process = Process()
        process.executableURL = BoshKitProcess.productsDirectory.appendingPathComponent("boshkit")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["BOSHKIT_PEAK_RSS_FILE"] = report
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        guard let peak = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestError("boshkit reported no peak memory (\(report): '\(text)')")
        }
        return Measure(status: process.terminationStatus, peakKB: peak)
    }
}
