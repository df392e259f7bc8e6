import Foundation
import Testing

@testable import BoshDirector

@Suite("StateFile")
struct StateFileTests {
    struct Sample: Codable, Equatable {
        var name: String
        var instances: [Int]
    }

    @Test func missingFileReadsAsNil() throws {
        let dir = try InfraScratchDirectory()
        defer { dir.remove() }
        #expect(try StateFile<Sample>(path: dir.path + "/none.json").read() == nil)
    }

    @Test func writeThenReadRoundTripsWithMode0600() throws {
        let dir = try InfraScratchDirectory()
        defer { dir.remove() }
        let file = StateFile<Sample>(path: dir.path + "/nested/state.json")
        try file.write(Sample(name: "hello", instances: [0, 1]))
        #expect(try file.read() == Sample(name: "hello", instances: [0, 1]))
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try file.write(Sample(name: "hello", instances: [0]))
        #expect(try file.read()?.instances == [0])
        // Only the state file is left in the directory: no temporary files.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/nested") == ["state.json"])
    }

    @Test func datesAreISO8601() throws {
        struct Stamped: Codable, Equatable { var at: Date }
        let dir = try InfraScratchDirectory()
        defer { dir.remove() }
        let file = StateFile<Stamped>(path: dir.path + "/stamped.json")
        let at = Date(timeIntervalSince1970: 1_795_867_200)
        try file.write(Stamped(at: at))
        #expect(try String(contentsOfFile: file.path, encoding: .utf8).contains("\"2026-11-28T12:00:00Z\""))
        #expect(try file.read() == Stamped(at: at))
    }

    @Test func corruptFileNamesThePathAndTheJSONError() throws {
        let dir = try InfraScratchDirectory()
        defer { dir.remove() }
        let path = dir.path + "/state.json"
        try Data("{\"name\": \"x\", \"instances\": [1, ".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try StateFile<Sample>(path: path).read()
            Issue.record("expected an error")
        } catch let error as StateFileError {
            #expect(error.path == path)
            #expect(error.description.contains(path))
            #expect(error.description.contains("not valid state JSON"))
        }
    }

    @Test func wrongShapeNamesTheMissingKey() throws {
        let dir = try InfraScratchDirectory()
        defer { dir.remove() }
        let path = dir.path + "/state.json"
        try Data("{\"name\": \"x\"}".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try StateFile<Sample>(path: path).read()
        } throws: { error in
            "\(error)".contains("missing key 'instances'") && "\(error)".contains(path)
        }
    }

    @Test func crashedWriterLeavesOldStateReadableAndItsTempFileIsCleanedUp() throws {
        let dir = try InfraScratchDirectory()
        defer { dir.remove() }
        let file = StateFile<Sample>(path: dir.path + "/state.json")
        try file.write(Sample(name: "old", instances: [1]))
        // A writer that died mid-write (pid 2^22 + 1 is above the default pid_max range of live processes)
        // left a torn temporary file next to the state.
        let leftover = dir.path + "/.state.json.tmp-4194305-12345"
        try Data("{\"name\": \"new\", \"inst".utf8).write(to: URL(fileURLWithPath: leftover))
        #expect(try file.read() == Sample(name: "old", instances: [1]))
        try file.write(Sample(name: "new", instances: [2]))
        #expect(try file.read() == Sample(name: "new", instances: [2]))
        #expect(!FileManager.default.fileExists(atPath: leftover))
    }
}
