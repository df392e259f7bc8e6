import CPIProtocol
import Foundation
import Testing

@Suite struct CPIErrorTests {
    @Test(arguments: CPIError.knownTypes)
    func knownTypesRoundTrip(_ type: String) throws {
        for okToRetry in [false, true] {
            let json: JSONValue = ["type": .string(type), "message": "boom", "ok_to_retry": .bool(okToRetry)]
            let error = try JSONDecoder().decode(CPIError.self, from: encodeJSON(json))
            #expect(error.type == type)
            #expect(error.message == "boom")
            #expect(error.okToRetry == okToRetry)
            #expect(error.isKnownToDirector)
            #expect(try reencoded(error) == json)
        }
    }

    @Test func casesMapToTypes() {
        #expect(CPIError.vmNotFound(message: "x").type == "Bosh::Clouds::VMNotFound")
        #expect(CPIError.vmCreationFailed(message: "x", okToRetry: true).directorHonoursRetry)
        #expect(!CPIError.cloudError(message: "x", okToRetry: true).directorHonoursRetry)
        #expect(CPIError(type: "Bosh::Clouds::DiskNotAttached", message: "m") == .diskNotAttached(message: "m"))
        #expect("\(CPIError.noDiskSpace(message: "full", okToRetry: true))" == "Bosh::Clouds::NoDiskSpace: full (ok_to_retry)")
    }

    @Test func unknownTypesAreKept() throws {
        let json: JSONValue = ["type": "InvalidCall", "message": "Arguments are not correct", "ok_to_retry": false]
        let error = try JSONDecoder().decode(CPIError.self, from: encodeJSON(json))
        #expect(error == .unrecognized(type: "InvalidCall", message: "Arguments are not correct"))
        #expect(!error.isKnownToDirector)
        #expect(try reencoded(error) == json)
    }

    @Test func incompleteErrorsAreRejected() {
        let missingRetry: JSONValue = ["type": "Bosh::Clouds::CloudError", "message": "m"]
        #expect(throws: (any Error).self) { try JSONDecoder().decode(CPIError.self, from: encodeJSON(missingRetry)) }
        let stringRetry: JSONValue = ["type": "Bosh::Clouds::CloudError", "message": "m", "ok_to_retry": "false"]
        #expect(throws: (any Error).self) { try JSONDecoder().decode(CPIError.self, from: encodeJSON(stringRetry)) }
    }

    @Test func responsesAreValidatedLikeTheDirector() {
        let cases: [(JSONValue, String)] = [
            (["result": nil, "error": nil], "missing 'log'"),
            (["error": nil, "log": ""], "missing 'result'"),
            (["result": nil, "log": ""], "missing 'error'"),
            (["result": nil, "error": nil, "log": 5], "'log' must be a string"),
            (["result": nil, "error": ["type": "T", "message": "m"], "log": ""], "'ok_to_retry'"),
            (["result": nil, "error": "oops", "log": ""], "'error' must be null or an object"),
            ([1, 2], "expected a JSON object"),
        ]
        for (json, expected) in cases {
            #expect {
                try CPIResponse(json: json)
            } throws: { error in
                (error as? CPIError)?.message.contains(expected) == true
            }
        }
    }

    @Test func responsesAlwaysCarryAllThreeKeys() throws {
        let success = try reencoded(CPIResponse(result: "vm-1"))
        #expect(success == ["result": "vm-1", "error": nil, "log": ""])
        let failure = try reencoded(CPIResponse.failure(.vmNotFound(message: "gone"), log: "l"))
        #expect(failure == [
            "result": nil, "error": ["type": "Bosh::Clouds::VMNotFound", "message": "gone", "ok_to_retry": false],
            "log": "l",
        ])
    }
}
