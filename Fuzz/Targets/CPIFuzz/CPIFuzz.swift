// libFuzzer target: the input as a CPI request to the dispatcher (over a provider that answers every method)
// and as a CPI response read by the director's client.
import CPIProtocol
import Foundation

private struct NullProvider: CloudProvider {
    func info(_ arguments: InfoArguments, context: CPICallContext) async throws -> CPIInfo {
        CPIInfo(apiVersion: maximumAPIVersion, stemcellFormats: [])
    }
}

private let dispatcher = CPIDispatcher(provider: NullProvider(), logLevel: .critical)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCPI(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    let semaphore = DispatchSemaphore(value: 0)
    Task {
        let reply = await dispatcher.respond(to: bytes)
        if (try? JSONSerialization.jsonObject(with: reply)) == nil { fatalError("the CPI answered something that is not JSON") }
        semaphore.signal()
    }
    semaphore.wait()
    _ = try? JSONDecoder().decode(CPIResponse.self, from: bytes)
    return 0
}
