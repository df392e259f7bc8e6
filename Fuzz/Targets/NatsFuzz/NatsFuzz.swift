// libFuzzer target: the NATS protocol parser fed the input as what a server sends, in two chunks split at
// the first byte's value (so partial lines and payloads are exercised).
import NIOCore
@testable import NatsClient

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNats(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    var parser = ProtocolParser()
    var buffer = ByteBuffer()
    for chunk in [bytes[..<split], bytes[split...]] {
        buffer.writeBytes(chunk)
        do {
            while try parser.next(&buffer) != nil {}
        } catch {
            return 0  // a protocol error closes the connection
        }
    }
    return 0
}
