import CPIProtocol
import Foundation
import Logging
import Testing

/// The client against small shell-script CPIs: each failure mode maps to its error.
@Suite struct CPIClientTests {
    static let infoV2 = #"{"result":{"api_version":2,"stemcell_formats":["x"]},"error":null,"log":""}"#

    /// A CPI script that saves its request to `request.json` and answers `info` with v2, anything else with `answer`.
    func fakeCPI(in directory: URL, answer: String, exitStatus: Int = 0) throws -> String {
        try writeScript(
            in: directory, named: "cpi",
            """
            request=$(cat)
            printf '%s' "$request" > "\(directory.path)/request.json"
            case "$request" in
              *'"method":"info"'*) printf '%s' '\(Self.infoV2)' ;;
              *) printf '%s' '\(answer)' ;;
            esac
            exit \(exitStatus)
            """
        )
    }

    func client(_ path: String, timeout: Duration = .seconds(5), configure: (inout CPIClient.Configuration) -> Void = { _ in }) -> CPIClient {
        var configuration = CPIClient.Configuration(executablePath: path, timeout: timeout, directorUUID: "director-1")
        configure(&configuration)
        return CPIClient(configuration: configuration, logger: Logger(label: "test"))
    }

    func expectClientError(
        _ code: CPIClientError.Code, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
    ) async -> CPIClientError? {
        do {
            try await body()
            Issue.record("expected CPIClientError.\(code)", sourceLocation: sourceLocation)
        } catch let error as CPIClientError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            return error
        } catch {
            Issue.record("expected CPIClientError.\(code), got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    @Test func theLoggerDefaultsToASilentOne() async throws {
        try await withTemporaryDirectory { directory in
            let path = try fakeCPI(in: directory, answer: #"{"result":true,"error":null,"log":"quiet"}"#)
            let cpi = CPIClient(configuration: .init(executablePath: path, timeout: .seconds(30)))
            #expect(try await cpi.negotiateAPIVersion() == 2)
            #expect(try await cpi.call(HasVMArguments(cid: "vm-1")))
            #expect(CPIClient.silentLogger.label == "boshkit.cpi")
        }
    }

    @Test func sendsTheRequestTheDirectorSends() async throws {
        try await withTemporaryDirectory { directory in
            let path = try fakeCPI(in: directory, answer: #"{"result":["vm-7",{}],"error":null,"log":"made it"}"#)
            let cpi = client(path) { $0.properties = ["region": "eu"] }
            let result = try await cpi.call(
                CreateVMArguments(agentID: "agent-1", stemcellCID: "sc-1", networks: ["default": CPINetwork(type: "dynamic")]),
                stemcellAPIVersion: 2
            )
            #expect(result == CreateVMResult(vmCID: "vm-7", networks: [:]))
            #expect(await cpi.apiVersion == 2)
            let sent = try parseJSON(Data(contentsOf: directory.appendingPathComponent("request.json")))
            #expect(sent["method"] == "create_vm")
            #expect(sent["api_version"] == 2)
            #expect(sent["arguments"]?.arrayValue?.count == 6)
            #expect(sent["context"]?["director_uuid"] == "director-1")
            #expect(sent["context"]?["region"] == "eu")
            #expect(sent["context"]?["vm"] == ["stemcell": ["api_version": 2]])
            #expect(sent["context"]?["request_id"]?.stringValue?.hasPrefix("cpi-") == true)
        }
    }

    @Test func logAndStderrGoToTheInjectedLogger() async throws {
        try await withTemporaryDirectory { directory in
            let path = try writeScript(
                in: directory, named: "cpi",
                #"cat >/dev/null; echo 'debug line' >&2; echo '{"result":{"api_version":2,"stemcell_formats":[]},"error":null,"log":"cpi says hi"}'"#
            )
            let captured = CapturedLog()
            var logger = Logger(label: "capture") { _ in CapturingLogHandler(sink: captured) }
            logger.logLevel = .debug
            let cpi = CPIClient(configuration: .init(executablePath: path), logger: logger)
            _ = try await cpi.callInfo()
            let lines = captured.lines
            #expect(lines.contains { $0.contains("cpi.log=cpi says hi") && $0.contains("cpi.request_id=cpi-") })
            #expect(lines.contains { $0.contains("cpi.stderr=debug line") })
        }
    }

    @Test func passesEnvironmentAndWorkingDirectory() async throws {
        try await withTemporaryDirectory { directory in
            let path = try writeScript(
                in: directory, named: "cpi",
                #"cat >/dev/null; printf '{"result":{"api_version":2,"stemcell_formats":["%s","%s","%s"]},"error":null,"log":""}' "$PWD" "$FOO" "${HOME:-unset}""#
            )
            let cpi = client(path) {
                $0.environment = ["FOO": "bar", "PATH": "/usr/bin:/bin"]
                $0.workingDirectory = directory.path
            }
            let info = try await cpi.callInfo()
            #expect(info.stemcellFormats == [directory.resolvingSymlinksInPath().path, "bar", "unset"])
        }
    }

    @Test func exitStatusIsIgnoredWhenTheResponseIsValid() async throws {
        try await withTemporaryDirectory { directory in
            let path = try fakeCPI(in: directory, answer: #"{"result":true,"error":null,"log":""}"#, exitStatus: 1)
            #expect(try await client(path).call(HasVMArguments(cid: "vm-1")))
        }
    }

    @Test func nonZeroExitWithoutResponse() async throws {
        try await withTemporaryDirectory { directory in
            let path = try writeScript(in: directory, named: "cpi", "cat >/dev/null; echo 'panic: nil map'; echo 'fatal: boom' >&2; exit 3")
            let error = await expectClientError(.processFailed) { _ = try await client(path).callInfo() }
            #expect(error?.termination == "exit status 3")
            #expect(error?.standardError.contains("fatal: boom") == true)
            #expect(error?.detail.contains("panic: nil map") == true)
        }
    }

    @Test func garbageOnStdout() async throws {
        try await withTemporaryDirectory { directory in
            let path = try writeScript(in: directory, named: "cpi", "cat >/dev/null; echo 'I am not JSON'")
            let error = await expectClientError(.invalidResponse) { _ = try await client(path).callInfo() }
            #expect(error?.detail.contains("not valid JSON") == true)
        }
    }

    @Test func responseWithoutLog() async throws {
        try await withTemporaryDirectory { directory in
            let path = try writeScript(in: directory, named: "cpi", #"cat >/dev/null; echo '{"result":null,"error":null}'"#)
            let error = await expectClientError(.invalidResponse) { _ = try await client(path).callInfo() }
            #expect(error?.detail.contains("missing 'log'") == true)
        }
    }

    @Test func wrongResultShape() async throws {
        try await withTemporaryDirectory { directory in
            let path = try fakeCPI(in: directory, answer: #"{"result":"yes","error":null,"log":""}"#)
            let error = await expectClientError(.invalidResponse) { _ = try await client(path).call(HasVMArguments(cid: "vm")) }
            #expect(error?.detail.contains("expected a boolean, got a string") == true)
        }
    }

    @Test func hangingCPIIsKilledAfterTheTimeout() async throws {
        try await withTemporaryDirectory { directory in
            // The child `sleep` holds stdout open too: only killing the whole process group ends the call.
            let path = try writeScript(in: directory, named: "cpi", "sleep 120 & sleep 120")
            let start = ContinuousClock.now
            let error = await expectClientError(.timedOut) { _ = try await client(path, timeout: .seconds(1)).callInfo() }
            // Killed, not finished: well under the 120 s the script would take (a loaded CI machine took 21 s
            // to get here, so the bound is wide).
            #expect(ContinuousClock.now - start < .seconds(90))
            #expect(error?.termination == "signal 9")
        }
    }

    @Test func cancellationKillsTheProcess() async throws {
        try await withTemporaryDirectory { directory in
            let path = try writeScript(in: directory, named: "cpi", "exec sleep 120")
            let cpi = client(path, timeout: .seconds(300))
            let start = ContinuousClock.now
            let task = Task { try await cpi.callInfo() }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            // Killed, not waited for: well under the script's 120 s (a loaded CI machine took 21 s).
            #expect(ContinuousClock.now - start < .seconds(90))
        }
    }

    @Test func cpiThatDoesNotReadStdin() async throws {
        try await withTemporaryDirectory { directory in
            let path = try writeScript(in: directory, named: "cpi", "printf '%s' '\(Self.infoV2)'")
            let big = CPIRequest(method: .info, arguments: [.string(String(repeating: "a", count: 2 << 20))])
            let response = try await client(path).send(big)
            #expect(response.result["api_version"] == 2)
        }
    }

    @Test func nonExecutableCPI() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("cpi").path
            try Data("#!/bin/sh\n".utf8).write(to: URL(fileURLWithPath: path))
            let error = await expectClientError(.nonExecutable) { _ = try await client(path).callInfo() }
            #expect(error?.detail.contains("is not executable") == true)
        }
    }

    @Test func errorResponsesThrowTheErrorEnum() async throws {
        try await withTemporaryDirectory { directory in
            let path = try fakeCPI(
                in: directory,
                answer: #"{"result":null,"error":{"type":"Bosh::Clouds::VMCreationFailed","message":"no capacity","ok_to_retry":true},"log":""}"#
            )
            await #expect(throws: CPIError.vmCreationFailed(message: "no capacity", okToRetry: true)) {
                try await client(path).call(CreateVMArguments(agentID: "a", stemcellCID: "s"))
            }
        }
    }

    @Test func legacyNotImplementedShapesMapToNotImplemented() async throws {
        try await withTemporaryDirectory { directory in
            let path = try fakeCPI(
                in: directory,
                answer: #"{"result":null,"error":{"type":"InvalidCall","message":"Method is not known, got resize_disk","ok_to_retry":false},"log":""}"#
            )
            await #expect(throws: CPIError.notImplemented(message: "Method is not known, got resize_disk")) {
                try await client(path).call(ResizeDiskArguments(diskCID: "d", newSize: 1))
            }
        }
    }

    @Test func negotiationNeedsVersion2() async throws {
        try await withTemporaryDirectory { directory in
            let v1 = try writeScript(in: directory, named: "v1", #"cat >/dev/null; echo '{"result":{"api_version":1,"stemcell_formats":[]},"error":null,"log":""}'"#)
            _ = await expectClientError(.unsupportedAPIVersion) { try await client(v1).negotiateAPIVersion() }
            let none = try writeScript(in: directory, named: "none", #"cat >/dev/null; echo '{"result":{"stemcell_formats":[]},"error":null,"log":""}'"#)
            let error = await expectClientError(.unsupportedAPIVersion) { try await client(none).negotiateAPIVersion() }
            #expect(error?.detail == "CPI must report api_version via info")
            let v9 = try writeScript(in: directory, named: "v9", #"cat >/dev/null; echo '{"result":{"api_version":9,"stemcell_formats":[]},"error":null,"log":""}'"#)
            #expect(try await client(v9).negotiateAPIVersion() == 3)
            #expect(try await client(v9) { $0.preferredAPIVersion = 2 }.negotiateAPIVersion() == 2)
        }
    }
}

/// Collects rendered log lines.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func append(_ line: String) {
        lock.lock()
        stored.append(line)
        lock.unlock()
    }

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

struct CapturingLogHandler: LogHandler {
    let sink: CapturedLog
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        sink.append("\(event.message) " + all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))
    }
}
