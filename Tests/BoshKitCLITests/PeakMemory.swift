import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `boshkit` and measures it: exit status and peak resident memory (the kernel's `ru_maxrss`
/// of exactly that child, from `wait4`).
enum PeakMemory {
    struct Measure {
        var status: Int32
        var peakKB: Int
    }

    /// Runs `boshkit ARGUMENTS` with output discarded; waits on the calling thread (use off the cooperative pool).
    static func boshkit(_ arguments: [String]) throws -> Measure {
        let path = BoshKitProcess.productsDirectory.appendingPathComponent("boshkit").path
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw TestError("cannot start \(path): \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw TestError("wait4 failed: \(errno)") }
        }
        return Measure(status: (status >> 8) & 0xff, peakKB: Int(usage.ru_maxrss))
    }
}
