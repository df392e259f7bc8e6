import CPIProtocol
import Foundation
import Testing

/// A provider implementing a few methods, to test the scaffold in-process.
struct SampleProvider: CloudProvider {
    struct Boom: Error, CustomStringConvertible {
        var description: String { "the hypervisor is on fire" }
    }

    var hint: DiskHint? = .path("/dev/sdf")

    func info(_ arguments: InfoArguments, context: CPICallContext) async throws -> CPIInfo {
        CPIInfo(apiVersion: maximumAPIVersion, stemcellFormats: ["sample-light"])
    }

    func createVM(_ arguments: CreateVMArguments, context: CPICallContext) async throws -> CreateVMResult {
        context.logger.info("creating vm", metadata: ["agent_id": "\(arguments.agentID)"])
        context.logger.debug("not shown at info level")
        return CreateVMResult(vmCID: "vm-1", networks: arguments.networks)
    }

    func hasVM(_ arguments: HasVMArguments, context: CPICallContext) async throws -> Bool {
        throw Boom()
    }

    func attachDisk(_ arguments: AttachDiskArguments, context: CPICallContext) async throws -> DiskHint? { hint }

    func resizeDisk(_ arguments: ResizeDiskArguments, context: CPICallContext) async throws {
        throw CPIError.notSupported(message: "no resizing here")
    }

    func getDisks(_ arguments: GetDisksArguments, context: CPICallContext) async throws -> [String] { [] }
}

@Suite struct DispatcherTests {
    let dispatcher = CPIDispatcher(provider: SampleProvider())

    func respond(_ json: JSONValue) async throws -> CPIResponse {
        let data = await dispatcher.respond(to: try encodeJSON(json))
        return try CPIResponse(json: parseJSON(data))
    }

    func respond(raw: String) async throws -> CPIResponse {
        try CPIResponse(json: parseJSON(await dispatcher.respond(to: Data(raw.utf8))))
    }

    func expectCPIError(_ response: CPIResponse, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.result == .null, sourceLocation: sourceLocation)
        #expect(response.error?.type == "Bosh::Clouds::CpiError", sourceLocation: sourceLocation)
        #expect(response.error?.message.contains(text) == true, "\(String(describing: response.error))", sourceLocation: sourceLocation)
    }

    @Test func infoIsTheProvidersOwn() async throws {
        let response = try await respond(["method": "info", "arguments": []])
        #expect(response.error == nil)
        #expect(response.result == ["api_version": 2, "stemcell_formats": ["sample-light"]])
    }

    @Test func createVMResultShapeFollowsTheAPIVersion() async throws {
        let arguments: JSONValue = ["agent-1", "sc-1", [:], ["net": ["type": "dynamic"]], [], [:]]
        let v2 = try await respond(["method": "create_vm", "arguments": arguments, "api_version": 2])
        #expect(v2.result == ["vm-1", ["net": ["type": "dynamic"]]])
        let v1 = try await respond(["method": "create_vm", "arguments": arguments])
        #expect(v1.result == "vm-1")
    }

    @Test func providerLogsGoIntoTheLogField() async throws {
        let arguments: JSONValue = ["agent-1", "sc-1", [:], [:], [], [:]]
        let response = try await respond([
            "method": "create_vm", "arguments": arguments, "context": ["request_id": "cpi-424242"], "api_version": 2,
        ])
        #expect(response.log.contains("info creating vm"))
        #expect(response.log.contains("agent_id=agent-1"))
        #expect(response.log.contains("request_id=cpi-424242"))
        #expect(!response.log.contains("not shown"))
    }

    @Test func unimplementedMethodsAnswerNotImplemented() async throws {
        let response = try await respond(["method": "delete_vm", "arguments": ["vm-1"], "api_version": 2])
        #expect(response.error == .notImplemented(message: "Method 'delete_vm' is not implemented by this CPI"))
    }

    @Test func thrownErrorsBecomeProtocolErrors() async throws {
        let cloud = try await respond(["method": "has_vm", "arguments": ["vm-1"]])
        #expect(cloud.error == .cloudError(message: "the hypervisor is on fire"))
        #expect(cloud.log.contains("has_vm failed"))
        let typed = try await respond(["method": "resize_disk", "arguments": ["disk-1", 10]])
        #expect(typed.error == .notSupported(message: "no resizing here"))
    }

    @Test func attachDiskNeedsAHintFromVersion2() async throws {
        let missing = CPIDispatcher(provider: SampleProvider(hint: nil))
        let data = await missing.respond(to: try encodeJSON(["method": "attach_disk", "arguments": ["vm", "disk"], "api_version": 2] as JSONValue))
        let response = try CPIResponse(json: parseJSON(data))
        expectCPIError(response, containing: "disk hint")
        let v1 = try CPIResponse(json: parseJSON(await missing.respond(to: try encodeJSON(["method": "attach_disk", "arguments": ["vm", "disk"]] as JSONValue))))
        #expect(v1.error == nil && v1.result == .null)
        let hinted = try await respond(["method": "attach_disk", "arguments": ["vm", "disk"], "api_version": 2])
        #expect(hinted.result == "/dev/sdf")
    }

    @Test func getDisksAnswersAnEmptyArray() async throws {
        let response = try await respond(["method": "get_disks", "arguments": ["vm-1"]])
        #expect(response.result == [])
    }

    // MARK: Bad input

    @Test func unknownMethod() async throws {
        let response = try await respond(["method": "make_coffee", "arguments": []])
        #expect(response.error == .notImplemented(message: "Unknown method 'make_coffee'"))
    }

    @Test func missingMethodOrArguments() async throws {
        expectCPIError(try await respond(["arguments": []]), containing: "missing 'method'")
        expectCPIError(try await respond(["method": "info"]), containing: "missing 'arguments'")
        expectCPIError(try await respond(["method": 7, "arguments": []]), containing: "'method' must be a string")
        expectCPIError(try await respond(["method": "info", "arguments": "x"]), containing: "'arguments' must be an array")
        expectCPIError(try await respond(["method": "info", "arguments": [], "context": 3]), containing: "'context' must be an object")
        expectCPIError(
            try await respond(["method": "info", "arguments": [], "context": ["director_uuid": 5]]),
            containing: "context.director_uuid must be a string"
        )
        expectCPIError(try await respond(["method": "info", "arguments": [], "api_version": "2"]), containing: "'api_version' must be an integer")
    }

    @Test func missingPositionalArguments() async throws {
        let response = try await respond(["method": "create_vm", "arguments": ["agent-1"]])
        expectCPIError(response, containing: "missing argument 2 (stemcell_cid); got 1 argument")
        let resize = try await respond(["method": "resize_disk", "arguments": ["disk-1"]])
        expectCPIError(resize, containing: "'resize_disk': missing argument 2 (new_size)")
    }

    @Test func wrongArgumentTypes() async throws {
        expectCPIError(
            try await respond(["method": "create_vm", "arguments": ["agent-1", "sc-1", "big", [:], [], [:]]]),
            containing: "argument 3 (cloud_properties) must be an object, got a string"
        )
        expectCPIError(
            try await respond(["method": "create_disk", "arguments": ["ten", [:], nil]]),
            containing: "argument 1 (size) must be an integer, got a string"
        )
        expectCPIError(
            try await respond(["method": "create_vm", "arguments": ["a", "s", [:], ["n": ["dns": "8.8.8.8"]], [], [:]]]),
            containing: "Network 'n': 'dns' must be an array of strings"
        )
        expectCPIError(
            try await respond(["method": "calculate_vm_cloud_properties", "arguments": [["cpu": 1, "ram": "lots"]]]),
            containing: "'ram' must be an integer, got a string"
        )
    }

    @Test func malformedJSON() async throws {
        expectCPIError(try await respond(raw: "{\"method\": \"info\", "), containing: "Request is not valid JSON")
        expectCPIError(try await respond(raw: ""), containing: "Request is not valid JSON")
        expectCPIError(try await respond(raw: "garbage"), containing: "Request is not valid JSON: Invalid value around character 0")
        expectCPIError(try await respond(raw: "[1,2]"), containing: "expected a JSON object, got an array")
    }

    /// Hostile nesting is refused by the JSON reader's depth limit (512 levels), at once and in bounded memory.
    @Test func deeplyNestedJSONIsRefused() async throws {
        let depth = 200_000
        let raw = #"{"method":"info","arguments":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        expectCPIError(try await respond(raw: raw), containing: "Too many nested arrays or dictionaries")
    }

    @Test func nonUTF8Bytes() async throws {
        var bytes = Data("{\"method\": \"info\", \"arguments\": [\"".utf8)
        bytes.append(contentsOf: [0xC3, 0x28])  // an invalid two-byte sequence
        bytes.append(contentsOf: Data("\"]}".utf8))
        let response = try CPIResponse(json: parseJSON(await dispatcher.respond(to: bytes)))
        expectCPIError(response, containing: "not valid UTF-8: invalid byte 0xC3 at offset 34")
    }

    @Test func oversizedRequest() async throws {
        let padding = String(repeating: "x", count: 10 << 20)
        let json = "{\"method\": \"info\", \"arguments\": [\"\(padding)\"]}"
        let response = try await respond(raw: json)
        expectCPIError(response, containing: "\(json.utf8.count) bytes exceeds the limit of \(4 << 20) bytes")
    }

    @Test func apiVersionAboveTheProvidersIsNotSupported() async throws {
        let response = try await respond(["method": "info", "arguments": [], "api_version": 3])
        #expect(response.error?.type == "Bosh::Clouds::NotSupported")
    }
}
