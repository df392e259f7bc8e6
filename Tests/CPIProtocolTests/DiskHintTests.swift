import CPIProtocol
import Testing

/// `DiskHint` lives in BoshJSON; `import CPIProtocol` alone names it and adds the throwing decoder.
@Suite struct DiskHintTests {
    @Test func decodesPathsObjectsAndNull() throws {
        #expect(try DiskHint(json: "/dev/sdf") == .path("/dev/sdf"))
        #expect(try DiskHint(json: ["volume_id": "3"]) == .properties(["volume_id": "3"]))
        #expect(try DiskHint(json: .null) == nil)
        #expect(DiskHint.path("/dev/sdf").json == "/dev/sdf")
        #expect(DiskHint.properties([:]).isEmpty)
    }

    @Test func rejectsOtherValuesWithACPIError() {
        #expect(throws: CPIError.cpiError(message: "A disk hint must be a string or an object, got a number")) {
            try DiskHint(json: 5)
        }
        #expect(throws: CPIError.cpiError(message: "A disk hint must be a string or an object, got an array")) {
            try DiskHint(json: ["/dev/sdf"])
        }
    }
}
