import Logging

/// What a ``CloudProvider`` method gets besides its arguments: the request context, the API version and a logger
/// whose output goes into the response's `log` field.
public struct CPICallContext: Sendable {
    /// The request's `context`: director UUID, request id, stemcell API version, cpi-config properties.
    public var context: CPIContext
    /// The contract version of the request (`api_version`, 1 when absent).
    public var apiVersion: Int
    /// The method being called.
    public var method: CPIMethod
    /// A logger whose messages end up in the response's `log` field, tagged with the request id.
    public var logger: Logger

    /// Creates a call context.
    /// - Parameters:
    ///   - context: The request context.
    ///   - apiVersion: The contract version of the request.
    ///   - method: The method being called.
    ///   - logger: The logger for the call.
    public init(context: CPIContext, apiVersion: Int, method: CPIMethod, logger: Logger) {
        self.context = context
        self.apiVersion = apiVersion
        self.method = method
        self.logger = logger
    }

    /// The stemcell's API version (`context.vm.stemcell.api_version`), 1 when absent.
    ///
    /// From 2, the agent reads its full settings from the IaaS and the CPI must not rely on a registry.
    public var stemcellAPIVersion: Int { context.stemcellAPIVersion ?? 1 }
}
