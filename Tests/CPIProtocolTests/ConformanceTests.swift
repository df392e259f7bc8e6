import CPIProtocol
import Foundation
import Testing

/// Every fixture decodes into the typed model and encodes back to the same JSON value.
@Suite struct ConformanceTests {
    @Test func fixturesArePresent() {
        #expect(Fixtures.names.count >= 40)
        #expect(Fixtures.names.filter { $0.hasPrefix("cpi-") }.count == 18)
    }

    @Test(arguments: Fixtures.names.filter { $0.hasSuffix("-request.json") })
    func requestRoundTrips(_ name: String) throws {
        let original = try Fixtures.json(name)
        let request = try CPIRequest(json: original)
        #expect(request.json == original)
        #expect(try reencoded(request) == original)
        // Decoding via Codable gives the same request.
        #expect(try JSONDecoder().decode(CPIRequest.self, from: Fixtures.data(name)) == request)
        // The typed arguments re-encode to the same positional array.
        let type = try #require(request.method.argumentsType, "\(request.method) has no typed arguments")
        let typed = try type.init(arguments: request.arguments, apiVersion: request.apiVersion ?? 1)
        #expect(typed.encodedArguments(apiVersion: request.apiVersion ?? 1) == request.arguments)
    }

    @Test(arguments: Fixtures.names.filter { $0.hasSuffix("-arguments.json") || $0.hasSuffix("-argument.json") })
    func argumentsRoundTrip(_ name: String) throws {
        // cpi-<method>-[v2-|v3-]arguments.json
        let method = CPIMethod(rawValue: String(name.dropFirst(4).prefix { $0 != "-" }))
        var arguments = try Fixtures.json(name)
        if name.hasSuffix("-argument.json") { arguments = [arguments] }
        let apiVersion = name.contains("-v3-") ? 3 : 2
        let type = try #require(method.argumentsType)
        let typed = try type.init(arguments: #require(arguments.arrayValue), apiVersion: apiVersion)
        #expect(.array(typed.encodedArguments(apiVersion: apiVersion)) == arguments)
    }

    @Test(arguments: Fixtures.names.filter { $0.contains("response") })
    func responseRoundTrips(_ name: String) throws {
        let original = try Fixtures.json(name)
        let response = try CPIResponse(json: original)
        #expect(response.json == original)
        #expect(try reencoded(response) == original)
        if let error = response.error {
            #expect(try reencoded(error) == original["error"])
        }
    }

    @Test func typedResultsRoundTrip() throws {
        func roundTrip<A: CPIArguments>(_ type: A.Type, _ name: String, apiVersion: Int = 2) throws {
            let result = try CPIResponse(json: Fixtures.json(name)).result
            let typed = try A.decodeResult(result, apiVersion: apiVersion)
            #expect(try A.encodeResult(typed, apiVersion: apiVersion) == result, "\(name)")
        }
        try roundTrip(InfoArguments.self, "cpi-info-response.json")
        try roundTrip(CreateVMArguments.self, "cpi-create_vm-v2-response.json")
        try roundTrip(CreateVMArguments.self, "boshkit-create_vm-v1-response.json", apiVersion: 1)
        try roundTrip(CreateVMArguments.self, "cpi-response-success.json", apiVersion: 1)
        try roundTrip(AttachDiskArguments.self, "boshkit-attach_disk-v2-response-hash-hint.json")
        try roundTrip(AttachDiskArguments.self, "boshkit-attach_disk-v2-response-path-hint.json")
        try roundTrip(GetDisksArguments.self, "boshkit-get_disks-response.json")
        try roundTrip(UpdateDiskArguments.self, "boshkit-update_disk-unchanged-response.json")
        try roundTrip(HasVMArguments.self, "boshkit-has_vm-response.json")
    }

    @Test func createVMResultCarriesNetworks() throws {
        let result = try CPIResponse(json: Fixtures.json("cpi-create_vm-v2-response.json")).result
        let typed = try CreateVMArguments.decodeResult(result, apiVersion: 2)
        #expect(typed.vmCID == "<instance-id>")
        let network = try #require(typed.networks?["private"])
        #expect(network.type == "manual")
        #expect(network.dns == ["8.8.8.8"])
        #expect(network.cloudProperties?["net_id"] == "subnet-48rt54")
    }

    @Test func createVMRequestIsTyped() throws {
        let request = try CPIRequest(json: Fixtures.json("cpi-create_vm-v2-request.json"))
        #expect(request.apiVersion == 2)
        #expect(request.context.stemcellAPIVersion == 2)
        #expect(request.context.directorUUID == "<director-uuid>")
        let arguments = try CreateVMArguments(arguments: request.arguments, apiVersion: 2)
        #expect(arguments.agentID == "4149ba0f-38d9-4485-476f-1581be36f290")
        #expect(arguments.networks.count == 3)
        #expect(arguments.networks["public"]?.type == "vip")
        #expect(arguments.diskCIDs == ["vol-3475945"])
        #expect(arguments.env["bosh"]?["group"] == "my-group")
    }

    @Test func contextPropertiesAreKept() throws {
        let request = try CPIRequest(json: Fixtures.json("boshkit-create_disk-context-properties-request.json"))
        #expect(request.apiVersion == nil)
        #expect(request.context.properties["access_key_id"] == "AKIA-EXAMPLE")
        #expect(request.context.properties["vm"] == nil)
        let arguments = try CreateDiskArguments(arguments: request.arguments, apiVersion: 1)
        #expect(arguments.vmCID == nil)
        #expect(arguments.encodedArguments(apiVersion: 1)[2] == .null)
    }

    @Test func createStemcellEnvIsSentFromVersion3Only() throws {
        let arguments = try CreateStemcellArguments(
            arguments: #require(Fixtures.json("cpi-create_stemcell-v3-arguments.json").arrayValue), apiVersion: 3
        )
        #expect(arguments.tags == ["any": "tag value"])
        #expect(arguments.encodedArguments(apiVersion: 3).count == 3)
        #expect(arguments.encodedArguments(apiVersion: 2).count == 2)
    }

    @Test func everyKnownMethodHasArguments() {
        #expect(CPIMethod.allKnown.count == 20)
        for method in CPIMethod.allKnown {
            #expect(method.argumentsType?.method == method)
        }
        #expect(CPIMethod("ping").argumentsType == nil)
    }
}
