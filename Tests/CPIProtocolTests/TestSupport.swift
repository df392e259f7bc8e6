import CPIProtocol
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The JSON fixtures bundled with the tests.
enum Fixtures {
    static var directory: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static func json(_ name: String) throws -> JSONValue { try parseJSON(data(name)) }
}

func parseJSON(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }

func encodeJSON(_ value: some Encodable) throws -> Data { try JSONEncoder().encode(value) }

/// Decodes the text of a Codable value back to a JSON value (a text round trip).
func reencoded(_ value: some Encodable) throws -> JSONValue { try parseJSON(encodeJSON(value)) }

/// A fresh directory under the system temporary directory, removed after `body`.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cpi-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// Writes an executable shell script and returns its path.
func writeScript(in directory: URL, named name: String, _ body: String) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: url)
    chmod(url.path, 0o755)
    return url.path
}

/// The `boshkit` executable built alongside the test bundle.
enum BoshKitExecutable {
    static func path() throws -> String {
        var candidates: [URL] = []
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(argument0.deletingLastPathComponent().appendingPathComponent("boshkit"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("boshkit"))
        candidates.append(Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("boshkit"))
        // Package root from this file: Tests/CPIProtocolTests/TestSupport.swift.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let buildDirectories = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .filter { $0.hasPrefix(".build") }.sorted()
        for directory in buildDirectories {
            candidates.append(root.appendingPathComponent(directory).appendingPathComponent("debug/boshkit"))
        }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate.path
        }
        throw TestFailure("boshkit executable not found; looked at \(candidates.map(\.path))")
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
