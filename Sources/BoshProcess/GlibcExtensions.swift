#if canImport(Glibc)
import Glibc

/// glibc functions Swift's Glibc module does not import (they need `_GNU_SOURCE`), looked up at run time.
package enum GlibcExtensions {
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutableRawPointer, UnsafePointer<CChar>) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutableRawPointer, Int32) -> Int32

    private static func lookup<F>(_ name: String, as type: F.Type) -> F? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    private static let pipe2Function = lookup("pipe2", as: Pipe2.self)
    private static let addChdirFunction = lookup("posix_spawn_file_actions_addchdir_np", as: AddChdir.self)
    private static let addCloseFromFunction = lookup(
        "posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self
    )

    /// `POSIX_SPAWN_SETSID` (glibc 2.26).
    package static let spawnSetSID: Int32 = 0x80

    /// Creates a pipe whose both ends are close-on-exec, atomically when `pipe2` exists.
    package static func makeCloseOnExecPipe() -> (read: Int32, write: Int32)? {
        var fds: [Int32] = [-1, -1]
        if let pipe2Function {
            guard pipe2Function(&fds, O_CLOEXEC) == 0 else { return nil }
        } else {
            guard pipe(&fds) == 0 else { return nil }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        }
        return (fds[0], fds[1])
    }

    /// Adds a `chdir` to spawn file actions; returns an errno value, `ENOSYS` when glibc lacks it.
    package static func addChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: String) -> Int32 {
        guard let addChdirFunction else { return ENOSYS }
        return addChdirFunction(UnsafeMutableRawPointer(actions), path)
    }

    /// Closes every descriptor from `lowest` up in the child, when glibc supports it.
    package static func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) {
        _ = addCloseFromFunction?(UnsafeMutableRawPointer(actions), lowest)
    }
}
#endif
