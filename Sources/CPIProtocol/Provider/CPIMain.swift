import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry point of a CPI executable built on ``CloudProvider``.
///
/// ```swift
/// @main struct MyCPI {
///     static func main() async { await CPIMain.run(MyCloud()) }
/// }
/// ```
///
/// It reads one request from stdin to end of file, dispatches it, writes exactly one response to stdout and
/// returns; stdout carries nothing else. The exit status is always 0: the director looks at the response only.
public enum CPIMain {
    /// The default request size limit, 4 MiB: director requests are a few kilobytes.
    public static let defaultMaximumRequestSize = 4 << 20

    /// Serves one request from stdin to stdout.
    /// - Parameters:
    ///   - provider: The provider to call.
    ///   - logLevel: The lowest level of the provider's log messages copied into the response's `log` field.
    ///   - maximumRequestSize: Requests larger than this many bytes are refused (and read to the end, unkept).
    public static func run(
        _ provider: some CloudProvider, logLevel: Logger.Level = .info,
        maximumRequestSize: Int = defaultMaximumRequestSize
    ) async {
        let dispatcher = CPIDispatcher(provider: provider, logLevel: logLevel, maximumRequestSize: maximumRequestSize)
        let (request, totalSize) = readAll(fileDescriptor: 0, keepingAtMost: maximumRequestSize + 1)
        let response = await dispatcher.respond(to: request, totalSize: totalSize)
        writeAll(response, fileDescriptor: 1)
    }

    /// Reads a file descriptor to end of file, keeping at most `limit` bytes; returns them and the total size.
    static func readAll(fileDescriptor: Int32, keepingAtMost limit: Int) -> (Data, Int) {
        var kept = Data()
        var total = 0
        let chunkSize = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = read(fileDescriptor, buffer, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                break
            }
            if count == 0 { break }
            total += count
            let room = limit - kept.count
            if room > 0 { kept.append(buffer.assumingMemoryBound(to: UInt8.self), count: min(room, count)) }
        }
        return (kept, total)
    }

    /// Writes all bytes to a file descriptor, retrying short writes.
    static func writeAll(_ data: Data, fileDescriptor: Int32) {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = write(fileDescriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
