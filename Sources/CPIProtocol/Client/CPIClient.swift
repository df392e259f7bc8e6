import BoshProcess
import Foundation
import Logging

/// The director side of the CPI protocol: runs a CPI executable once per call, the way a director does.
///
/// Each call spawns the executable, writes one request to its stdin and closes it, reads the response from
/// stdout and keeps stderr for error messages; the exit status only matters when there is no valid response.
/// The first call negotiates the contract version from `info` (as ``negotiateAPIVersion()`` does).
/// A call that exceeds ``Configuration/timeout``, or whose task is cancelled, kills the process group.
///
/// ```swift
/// let client = CPIClient(configuration: .init(executablePath: "/var/vcap/jobs/cpi/bin/cpi"), logger: logger)
/// let stemcell = try await client.call(CreateStemcellArguments(imagePath: image, cloudProperties: [:]))
/// let vm = try await client.call(CreateVMArguments(agentID: agentID, stemcellCID: stemcell), stemcellAPIVersion: 2)
/// ```
///
/// Errors: ``CPIError`` when the CPI answers with an error (legacy "method not known" shapes are mapped to
/// `NotImplemented`, as the director does), ``CPIClientError`` when there is no valid answer.
public actor CPIClient {
    /// The highest contract version this client speaks.
    public static let maximumSupportedAPIVersion = 3
    /// The lowest contract version a current director accepts.
    public static let minimumSupportedAPIVersion = 2

    /// How the CPI is run.
    public nonisolated let configuration: Configuration
    private let logger: Logger
    /// The negotiated contract version, once known.
    public private(set) var apiVersion: Int?
    /// The `info` result from negotiation, once known.
    public private(set) var info: CPIInfo?

    /// A logger that discards everything, the default for ``init(configuration:logger:)`` (as
    /// `NatsClient.silentLogger` is for the NATS and agent clients).
    public static let silentLogger = Logger(label: "boshkit.cpi", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Creates a client.
    /// - Parameters:
    ///   - configuration: How to run the CPI.
    ///   - logger: Receives the CPI's `log` output and stderr at debug level, tagged with the request id;
    ///     discards everything by default.
    public init(configuration: Configuration, logger: Logger = CPIClient.silentLogger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Calls `info` and chooses `min(info.api_version, preferred)`, as the director does.
    /// - Throws: ``CPIClientError/Code-swift.struct/unsupportedAPIVersion`` when `info` reports no version, or one below 2.
    @discardableResult
    public func negotiateAPIVersion() async throws -> Int {
        if let apiVersion { return apiVersion }
        let requestID = Self.makeRequestID()
        let info: CPIInfo
        do {
            info = try await perform(InfoArguments(), apiVersion: nil, stemcellAPIVersion: nil, requestID: requestID)
        } catch let error as CPIError {
            guard case .notImplemented = error else { throw error }
            throw unsupported("CPI must report api_version via info (info is not implemented)", requestID)
        }
        guard let reported = info.apiVersion else {
            throw unsupported("CPI must report api_version via info", requestID)
        }
        let chosen = min(reported, configuration.preferredAPIVersion, Self.maximumSupportedAPIVersion)
        guard chosen >= Self.minimumSupportedAPIVersion else {
            throw unsupported(
                "CPI api_version \(reported) is not supported; at least \(Self.minimumSupportedAPIVersion) is required",
                requestID
            )
        }
        self.info = info
        self.apiVersion = chosen
        logger.debug("negotiated CPI api_version", metadata: ["api_version": "\(chosen)", "cpi.info": "\(info.json)"])
        return chosen
    }

    /// Calls `info` without an API version and returns its result; does not negotiate.
    public func callInfo() async throws -> CPIInfo {
        try await perform(InfoArguments(), apiVersion: nil, stemcellAPIVersion: nil, requestID: Self.makeRequestID())
    }

    /// Calls a method with typed arguments, negotiating the API version first if needed.
    /// - Parameters:
    ///   - arguments: The method's arguments, such as ``CreateVMArguments``.
    ///   - stemcellAPIVersion: The stemcell's `api_version` from its `stemcell.MF`, sent as
    ///     `context.vm.stemcell.api_version`; `nil` leaves it out.
    /// - Returns: The typed result.
    public func call<Arguments: CPIArguments>(
        _ arguments: Arguments, stemcellAPIVersion: Int? = nil
    ) async throws -> Arguments.Result {
        let version = try await negotiateAPIVersion()
        return try await perform(
            arguments, apiVersion: version, stemcellAPIVersion: stemcellAPIVersion, requestID: Self.makeRequestID()
        )
    }

    /// Sends one raw request and returns the raw response, without interpreting its error.
    /// A missing `request_id` or `director_uuid` is filled in from the configuration.
    public func send(_ request: CPIRequest) async throws -> CPIResponse {
        var request = request
        if request.context.requestID == nil { request.context.requestID = Self.makeRequestID() }
        if request.context.directorUUID == nil { request.context.directorUUID = configuration.directorUUID }
        return try await exchange(request)
    }

    private func perform<Arguments: CPIArguments>(
        _ arguments: Arguments, apiVersion: Int?, stemcellAPIVersion: Int?, requestID: String
    ) async throws -> Arguments.Result {
        let context = CPIContext(
            directorUUID: configuration.directorUUID, requestID: requestID, stemcellAPIVersion: stemcellAPIVersion,
            properties: configuration.properties
        )
        let request = CPIRequest(arguments, context: context, apiVersion: apiVersion)
        let response = try await exchange(request)
        if let error = response.error { throw Self.mapLegacyNotImplemented(error) }
        do {
            return try Arguments.decodeResult(response.result, apiVersion: apiVersion ?? 1)
        } catch {
            throw CPIClientError(
                code: .invalidResponse, method: request.method, requestID: requestID, detail: error.message
            )
        }
    }

    /// Runs the process for one request and validates its stdout as a response.
    private func exchange(_ request: CPIRequest) async throws -> CPIResponse {
        let requestID = request.context.requestID ?? ""
        var logger = self.logger
        logger[metadataKey: "cpi.request_id"] = "\(requestID)"
        func failure(_ code: CPIClientError.Code, _ detail: String, _ output: ChildProcess.Output? = nil) -> CPIClientError {
            CPIClientError(
                code: code, method: request.method, requestID: requestID, detail: detail,
                termination: output.map { "\($0.termination)" },
                standardError: output.map { String(decoding: $0.standardError, as: UTF8.self) } ?? ""
            )
        }
        guard FileManager.default.isExecutableFile(atPath: configuration.executablePath) else {
            throw failure(.nonExecutable, "Failed to run cpi: '\(configuration.executablePath)' is not executable")
        }
        logger.debug("CPI request", metadata: ["cpi.method": "\(request.method)"])
        let spec = ChildProcess.Spec(
            executable: configuration.executablePath, arguments: configuration.arguments,
            environment: configuration.environment, workingDirectory: configuration.workingDirectory,
            input: CPIJSON.data(request.json), timeout: configuration.timeout
        )
        let output: ChildProcess.Output
        do {
            output = try await ChildProcess.run(spec)
        } catch let error as ChildProcess.SpawnError {
            throw failure(.launchFailed, "Failed to run cpi: \(error)")
        }
        if !output.standardError.isEmpty {
            logger.debug("CPI stderr", metadata: ["cpi.stderr": "\(String(decoding: output.standardError, as: UTF8.self))"])
        }
        if output.timedOut {
            throw failure(.timedOut, "CPI did not answer within \(configuration.timeout)", output)
        }
        let response: CPIResponse
        do {
            response = try CPIResponse(json: try CPIJSON.parse(output.standardOutput, what: "CPI response"))
        } catch {
            let excerpt = String(decoding: output.standardOutput.prefix(200), as: UTF8.self)
            let detail = "\(error.message); stdout: '\(excerpt)'"
            throw output.termination == .exited(0) ? failure(.invalidResponse, detail, output)
                : failure(.processFailed, "CPI exited without a valid response: \(detail)", output)
        }
        if !response.log.isEmpty { logger.debug("CPI log", metadata: ["cpi.log": "\(response.log)"]) }
        return response
    }

    private func unsupported(_ detail: String, _ requestID: String) -> CPIClientError {
        CPIClientError(code: .unsupportedAPIVersion, method: .info, requestID: requestID, detail: detail)
    }

    /// Maps the legacy shapes of "method not implemented" to ``CPIError/notImplemented(message:okToRetry:)``.
    static func mapLegacyNotImplemented(_ error: CPIError) -> CPIError {
        switch (error.type, error.message) {
        case ("InvalidCall", let message) where message.hasPrefix("Method is not known, got"),
            ("Bosh::Clouds::CloudError", let message) where message.hasPrefix("Invalid Method:"):
            return .notImplemented(message: message, okToRetry: error.okToRetry)
        default:
            return error
        }
    }

    /// `cpi-` followed by six random digits, as the director makes them.
    static func makeRequestID() -> String { "cpi-\(Int.random(in: 100_000...999_999))" }
}
