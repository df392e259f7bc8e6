#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Something bytes can be pulled from, a buffer at a time.
package protocol ByteSource: AnyObject {
    /// Fills the start of `buffer`; returns how many bytes were written, 0 at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Reads a file through its descriptor; closes it when released.
package final class FileByteSource: ByteSource {
    private let fd: Int32
    /// How many bytes have been read so far.
    package private(set) var bytesRead: Int64 = 0

    /// Opens `path` for reading.
    package init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ArchiveError(.io("cannot read '\(path)': \(String(cString: strerror(errno)))"))
        }
        self.fd = fd
    }

    deinit { close(fd) }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = systemRead(fd, buffer.baseAddress, buffer.count)
            if n >= 0 {
                bytesRead += Int64(n)
                return n
            }
            if errno == EINTR { continue }
            throw ArchiveError(.io("read failed: \(String(cString: strerror(errno)))"))
        }
    }
}

private func systemRead(_ fd: Int32, _ pointer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.read(fd, pointer, count)
    #else
        return Darwin.read(fd, pointer, count)
    #endif
}

/// Serves bytes from memory.
package final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
        }
        offset += n
        return n
    }
}

/// Passes bytes through from another source while feeding them to digest hashers.
package final class HashingByteSource: ByteSource {
    private let base: ByteSource
    /// The hashers every byte is fed to.
    package let hashers: [DigestHasher]
    /// How many bytes passed through.
    package private(set) var count: Int64 = 0

    package init(_ base: ByteSource, algorithms: [DigestAlgorithm]) {
        self.base = base
        self.hashers = algorithms.map { DigestHasher($0) }
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try base.read(into: buffer)
        if n > 0 {
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            for hasher in hashers { hasher.update(chunk) }
            count += Int64(n)
        }
        return n
    }

    /// Reads the rest of the stream so every byte is hashed.
    package func drain() throws {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: BoshArchive.bufferSize, alignment: 16)
        defer { scratch.deallocate() }
        while try read(into: scratch) > 0 {}
    }

    /// The digests of everything read so far, keyed by algorithm.
    package func digests() -> [DigestAlgorithm: String] {
        Dictionary(uniqueKeysWithValues: hashers.map { ($0.algorithm, $0.finalize()) })
    }
}
