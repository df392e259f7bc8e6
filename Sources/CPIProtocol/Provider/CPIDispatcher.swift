import Foundation
import Logging

/// Turns one request into one response by calling a ``CloudProvider``: the scaffold behind ``CPIMain``.
///
/// It never throws and never traps on bad input: a malformed request gets a `Bosh::Clouds::CpiError` response
/// naming the problem, an unknown method `Bosh::Clouds::NotImplemented`. Use it directly to test a provider
/// without a process.
public struct CPIDispatcher<Provider: CloudProvider>: Sendable {
    /// The provider called for each request.
    public let provider: Provider
    /// The level of the logger handed to the provider; lower messages are not put into `log`.
    public var logLevel: Logger.Level
    /// Requests larger than this many bytes are refused with a `CpiError`.
    public var maximumRequestSize: Int

    /// Creates a dispatcher.
    /// - Parameters:
    ///   - provider: The provider to call.
    ///   - logLevel: The level of the logger handed to the provider.
    ///   - maximumRequestSize: Requests larger than this many bytes are refused.
    public init(provider: Provider, logLevel: Logger.Level = .info, maximumRequestSize: Int = CPIMain.defaultMaximumRequestSize) {
        self.provider = provider
        self.logLevel = logLevel
        self.maximumRequestSize = maximumRequestSize
    }

    /// Answers the raw bytes of a request with the raw bytes of a response.
    /// - Parameters:
    ///   - request: The request bytes (possibly truncated at ``maximumRequestSize`` + 1 bytes).
    ///   - totalSize: The size of the whole request when `request` was truncated while reading.
    public func respond(to request: Data, totalSize: Int? = nil) async -> Data {
        CPIJSON.data(await response(to: request, totalSize: totalSize))
    }

    /// Answers the raw bytes of a request.
    public func response(to request: Data, totalSize: Int? = nil) async -> CPIResponse {
        let size = totalSize ?? request.count
        guard size <= maximumRequestSize else {
            return .failure(
                .cpiError(message: "Invalid request: \(size) bytes exceeds the limit of \(maximumRequestSize) bytes")
            )
        }
        let parsed: CPIRequest
        do {
            parsed = try CPIRequest(json: try CPIJSON.parse(request, what: "Request"))
        } catch {
            return .failure(error)
        }
        return await response(to: parsed)
    }

    /// Answers a decoded request.
    public func response(to request: CPIRequest) async -> CPIResponse {
        let sink = ResponseLog()
        var logger = Logger(label: "cpi") { _ in ResponseLogHandler(sink: sink, logLevel: logLevel) }
        logger.logLevel = logLevel
        if let requestID = request.context.requestID { logger[metadataKey: "request_id"] = "\(requestID)" }
        let apiVersion = request.apiVersion ?? 1
        let call = CPICallContext(context: request.context, apiVersion: apiVersion, method: request.method, logger: logger)
        do {
            guard apiVersion <= provider.maximumAPIVersion else {
                throw CPIError.notSupported(
                    message: "API version \(apiVersion) is not supported; this CPI implements up to \(provider.maximumAPIVersion)"
                )
            }
            let result = try await dispatch(request, call)
            return CPIResponse(result: result, log: sink.contents)
        } catch let error as CPIError {
            return .failure(error, log: sink.contents)
        } catch {
            logger.error("\(request.method) failed: \(String(reflecting: error))")
            return .failure(.cloudError(message: "\(error)"), log: sink.contents)
        }
    }

    private func dispatch(_ request: CPIRequest, _ call: CPICallContext) async throws -> JSONValue {
        let p = provider
        switch request.method {
        case .info: return try await run(InfoArguments.self, request, call) { a, c in try await p.info(a, context: c) }
        case .createStemcell: return try await run(CreateStemcellArguments.self, request, call, p.createStemcell)
        case .deleteStemcell: return try await run(DeleteStemcellArguments.self, request, call, p.deleteStemcell)
        case .createVM: return try await run(CreateVMArguments.self, request, call, p.createVM)
        case .deleteVM: return try await run(DeleteVMArguments.self, request, call, p.deleteVM)
        case .hasVM: return try await run(HasVMArguments.self, request, call, p.hasVM)
        case .rebootVM: return try await run(RebootVMArguments.self, request, call, p.rebootVM)
        case .setVMMetadata: return try await run(SetVMMetadataArguments.self, request, call, p.setVMMetadata)
        case .setDiskMetadata: return try await run(SetDiskMetadataArguments.self, request, call, p.setDiskMetadata)
        case .calculateVMCloudProperties:
            return try await run(CalculateVMCloudPropertiesArguments.self, request, call, p.calculateVMCloudProperties)
        case .createDisk: return try await run(CreateDiskArguments.self, request, call, p.createDisk)
        case .deleteDisk: return try await run(DeleteDiskArguments.self, request, call, p.deleteDisk)
        case .attachDisk: return try await run(AttachDiskArguments.self, request, call, p.attachDisk)
        case .detachDisk: return try await run(DetachDiskArguments.self, request, call, p.detachDisk)
        case .hasDisk: return try await run(HasDiskArguments.self, request, call, p.hasDisk)
        case .getDisks: return try await run(GetDisksArguments.self, request, call, p.getDisks)
        case .resizeDisk: return try await run(ResizeDiskArguments.self, request, call, p.resizeDisk)
        case .updateDisk: return try await run(UpdateDiskArguments.self, request, call, p.updateDisk)
        case .snapshotDisk: return try await run(SnapshotDiskArguments.self, request, call, p.snapshotDisk)
        case .deleteSnapshot: return try await run(DeleteSnapshotArguments.self, request, call, p.deleteSnapshot)
        default:
            throw CPIError.notImplemented(message: "Unknown method '\(request.method)'")
        }
    }

    private func run<Arguments: CPIArguments>(
        _ type: Arguments.Type, _ request: CPIRequest, _ call: CPICallContext,
        _ body: (Arguments, CPICallContext) async throws -> Arguments.Result
    ) async throws -> JSONValue {
        let arguments = try Arguments(arguments: request.arguments, apiVersion: call.apiVersion)
        let result = try await body(arguments, call)
        return try Arguments.encodeResult(result, apiVersion: call.apiVersion)
    }
}
