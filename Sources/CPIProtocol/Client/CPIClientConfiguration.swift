import Foundation

extension CPIClient {
    /// How to run a CPI executable and what to put in every request's context.
    public struct Configuration: Sendable {
        /// Path of the CPI executable (`bin/cpi`).
        public var executablePath: String
        /// Arguments passed to the executable; a director passes none.
        public var arguments: [String]
        /// The environment of the process. Defaults to ``directorEnvironment()``: the director passes only
        /// `PATH`, `TMPDIR` and `HOME`.
        public var environment: [String: String]
        /// The working directory of the process; `nil` inherits the caller's.
        public var workingDirectory: String?
        /// How long one call may take before the process is killed.
        public var timeout: Duration
        /// `context.director_uuid`.
        public var directorUUID: String
        /// Properties from the CPI's cpi-config entry, merged into every request's context.
        public var properties: [String: JSONValue]
        /// The highest contract version to use; the negotiated version is `min(info.api_version, this)`.
        public var preferredAPIVersion: Int

        /// Creates a configuration.
        /// - Parameters:
        ///   - executablePath: Path of the CPI executable.
        ///   - arguments: Arguments for the executable.
        ///   - environment: The process environment.
        ///   - workingDirectory: The process's working directory.
        ///   - timeout: The per-call timeout.
        ///   - directorUUID: The director UUID sent in the context.
        ///   - properties: cpi-config properties merged into the context.
        ///   - preferredAPIVersion: The highest contract version to use, 3 by default.
        public init(
            executablePath: String, arguments: [String] = [],
            environment: [String: String] = CPIClient.Configuration.directorEnvironment(),
            workingDirectory: String? = nil, timeout: Duration = .seconds(600),
            directorUUID: String = UUID().uuidString.lowercased(), properties: [String: JSONValue] = [:],
            preferredAPIVersion: Int = CPIClient.maximumSupportedAPIVersion
        ) {
            self.executablePath = executablePath
            self.arguments = arguments
            self.environment = environment
            self.workingDirectory = workingDirectory
            self.timeout = timeout
            self.directorUUID = directorUUID
            self.properties = properties
            self.preferredAPIVersion = preferredAPIVersion
        }

        /// The environment a director gives a CPI: `PATH=/usr/sbin:/usr/bin:/sbin:/bin` plus the caller's
        /// `TMPDIR` and `HOME` when set.
        public static func directorEnvironment() -> [String: String] {
            var environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"]
            let current = ProcessInfo.processInfo.environment
            for key in ["TMPDIR", "HOME"] { environment[key] = current[key] }
            return environment
        }
    }
}
