import ArgumentParser
import BoshYAML
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reading the CLI's input files, with errors users can act on.
///
/// A file that cannot be read fails with bosh-cli's words (`Opening file nope.yml: open nope.yml: no such file or
/// directory`), after what it was read as (`Reading ops file 'nope.yml': …`), on one line and with the path as
/// the user wrote it. Pipes work too (`-o <(…)`).
enum CLIInput {
    /// What a file is read as, which bosh-cli names before its error.
    enum Role {
        /// A manifest, config or any other file: no prefix.
        case file
        /// `-o`: `Reading ops file 'P': …`.
        case opsFile
        /// `-l`: `Reading variables file 'P': …`.
        case varsFile
        /// `--var-file NAME=P`: `Reading variable from file 'P': …`.
        case varFile

        func describe(_ path: String, _ failure: String) -> String {
            switch self {
            case .file: return failure
            case .opsFile: return "Reading ops file '\(path)': \(failure)"
            case .varsFile: return "Reading variables file '\(path)': \(failure)"
            case .varFile: return "Reading variable from file '\(path)': \(failure)"
            }
        }
    }

    static func read(_ path: String, as role: Role = .file) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CLIFailure(role.describe(path, "Opening file \(path): open \(path): \(errorText(errno))")) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        // A regular file's size is known: one allocation (up to 64 MiB; a larger or growing file grows the array as
        // it is read). Chunks are read into uninitialized memory: a zeroed 1 MiB chunk per file cost `boshkit int`
        // with 79 ops files a tenth of its time in memset and page faults.
        var info = stat()
        if fstat(fd, &info) == 0 && info.st_size > 0 { bytes.reserveCapacity(Int(min(info.st_size, 64 << 20)) + 1) }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64 << 10) { chunk in
            while true {
                let count = Glibc.read(fd, chunk.baseAddress, chunk.count)
                if count == 0 { return bytes }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw CLIFailure(role.describe(path, "Reading file content \(path): read \(path): \(errorText(errno))"))
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<count]))
            }
        }
    }

    static func parseYAML(atPath path: String, as role: Role = .file) throws -> YAMLTree {
        try CLIFailure.reporting { try YAMLParser.parse(bytes: read(path, as: role), file: path) }
    }

    /// The system's text for an errno as Go prints it (`no such file or directory`: Go's table is glibc's
    /// wording with a lowercase first letter).
    static func errorText(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}

/// An error the CLI prints as it is (one problem per line on stderr) before exiting with a status.
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    let status: Int32

    init(_ message: String, status: Int32 = 1) {
        description = message
        self.status = status
    }

    /// Runs `body`, turning library errors into CLI failures printed without decoration.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as CLIFailure { throw e } catch { throw CLIFailure(String(describing: error)) }
    }

    /// Runs async `body`, turning library errors into CLI failures printed without decoration.
    static func reporting<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as CLIFailure { throw e } catch { throw CLIFailure(String(describing: error)) }
    }
}
