// libFuzzer target: the input as the agent messages each side decodes: a request, a reply, get_state, an apply
// spec, a heartbeat and agent settings.
import AgentProtocol
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAgent(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    let decoder = JSONDecoder()
    _ = try? decoder.decode(AgentRequest.self, from: bytes)
    _ = try? decoder.decode(AgentResponse.self, from: bytes)
    _ = try? decoder.decode(AgentState.self, from: bytes)
    _ = try? decoder.decode(ApplySpec.self, from: bytes)
    _ = try? decoder.decode(Heartbeat.self, from: bytes)
    _ = try? decoder.decode(AgentSettings.self, from: bytes)
    return 0
}
