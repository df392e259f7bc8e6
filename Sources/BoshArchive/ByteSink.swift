#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Something bytes can be pushed into (used to generate archives in tests and benchmarks).
package protocol ByteSink: AnyObject {
    /// Writes all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Flushes and releases resources; further writes are errors.
    func close() throws
}

extension ByteSink {
    /// Writes all of `bytes`.
    package func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }
}

/// Writes to a new file (truncating an existing one).
package final class FileByteSink: ByteSink {
    private var fd: Int32

    package init(path: String) throws {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw ArchiveError(.io("cannot create '\(path)': \(String(cString: strerror(errno)))")) }
    }

    deinit { if fd >= 0 { _ = closeDescriptor(fd) } }

    package func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw ArchiveError(.io("write failed: \(String(cString: strerror(errno)))"))
            }
            offset += n
        }
    }

    package func close() throws {
        guard fd >= 0 else { return }
        let status = closeDescriptor(fd)
        fd = -1
        if status != 0 { throw ArchiveError(.io("close failed: \(String(cString: strerror(errno)))")) }
    }
}

private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.write(fd, pointer, count)
    #else
        return Darwin.write(fd, pointer, count)
    #endif
}

private func closeDescriptor(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
        return Glibc.close(fd)
    #else
        return Darwin.close(fd)
    #endif
}

/// Collects bytes in memory.
package final class MemoryByteSink: ByteSink {
    package private(set) var bytes: [UInt8] = []
    package init() {}
    package func write(_ bytes: UnsafeRawBufferPointer) throws { self.bytes.append(contentsOf: bytes) }
    package func close() throws {}
}
