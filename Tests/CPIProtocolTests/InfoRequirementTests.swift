import CPIProtocol
import Foundation
import Testing

/// `info(_:context:)` has no default: a provider that declares `info` with another signature does not compile,
/// instead of silently answering `stemcell_formats: []`. Checked by type-checking small providers against the
/// CPIProtocol module this test was built with.
@Suite struct InfoRequirementTests {
    static let modules = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("Modules")
    static let canTypeCheck = FileManager.default.fileExists(
        atPath: modules.appendingPathComponent("CPIProtocol.swiftmodule").path)

    /// Type-checks `source` with `swiftc` on a thread of its own (a wait of seconds must not hold one of the
    /// cooperative pool's two threads, which the networking tests need); returns its exit status and diagnostics.
    func typeCheck(_ source: String) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try Self.typeCheckBlocking(source) }) }
        }
    }

    static func typeCheckBlocking(_ source: String) throws -> (status: Int32, output: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("info-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("Provider.swift")
        try ("import CPIProtocol\n" + source).write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swiftc", "-typecheck", "-swift-version", "6", "-I", Self.modules.path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test(.enabled(if: canTypeCheck)) func aMisdeclaredInfoDoesNotCompile() async throws {
        let wellDeclared = try await typeCheck(
            """
            struct Cloud: CloudProvider {
                func info(_ arguments: InfoArguments, context: CPICallContext) async throws -> CPIInfo {
                    CPIInfo(apiVersion: maximumAPIVersion, stemcellFormats: ["x"])
                }
            }
            """)
        #expect(wellDeclared.status == 0, "\(wellDeclared.output)")
        for misdeclared in [
            "func info(context: CPICallContext) async throws -> CPIInfo { CPIInfo(apiVersion: 2, stemcellFormats: []) }",
            "func info(_ arguments: InfoArguments) async throws -> CPIInfo { CPIInfo(apiVersion: 2, stemcellFormats: []) }",
            "",
        ] {
            let result = try await typeCheck("struct Cloud: CloudProvider {\n    \(misdeclared)\n}\n")
            #expect(result.status != 0)
            #expect(result.output.contains("does not conform to protocol 'CloudProvider'"), "\(result.output)")
        }
    }
}
