/// An error in the external CPI protocol: the `error` object of a response, `{type, message, ok_to_retry}`.
///
/// Each case stands for one of the `Bosh::Clouds::*` types the director recognises; ``unrecognized(type:message:okToRetry:)``
/// keeps any other type string (a director raises `UnknownError` for those). The value round-trips through JSON:
/// decoding a response's error and encoding it again gives the same object.
///
/// A ``CloudProvider`` throws these to answer with a specific error type; any other Swift error becomes a
/// ``cloudError(message:okToRetry:)``. ``CPIClient`` throws them when the CPI answers with an error.
public enum CPIError: Error, Sendable, Hashable {
    /// `Bosh::Clouds::CpiError`: the CPI could not handle the request (malformed request, bad arguments, internal failure).
    case cpiError(message: String, okToRetry: Bool = false)
    /// `Bosh::Clouds::NotImplemented`: the CPI does not implement the method.
    case notImplemented(message: String, okToRetry: Bool = false)
    /// `Bosh::Clouds::NotSupported`: the CPI cannot do this (the director falls back for `resize_disk` and `update_disk`).
    case notSupported(message: String, okToRetry: Bool = false)
    /// `Bosh::Clouds::CloudError`: the infrastructure failed.
    case cloudError(message: String, okToRetry: Bool = false)
    /// `Bosh::Clouds::VMNotFound`: the VM does not exist.
    case vmNotFound(message: String, okToRetry: Bool = false)
    /// `Bosh::Clouds::NetworkNotFound`: a network named in `create_vm` does not exist.
    case networkNotFound(message: String, okToRetry: Bool = false)
    /// `Bosh::Clouds::NoDiskSpace`: not enough space for the disk; the director honours `ok_to_retry`.
    case noDiskSpace(message: String, okToRetry: Bool = false)
    /// `Bosh::Clouds::DiskNotAttached`: the disk is not attached to that VM; the director honours `ok_to_retry`.
    case diskNotAttached(message: String, okToRetry: Bool = false)
    /// `Bosh::Clouds::DiskNotFound`: the disk does not exist; the director honours `ok_to_retry`.
    case diskNotFound(message: String, okToRetry: Bool = false)
    /// `Bosh::Clouds::VMCreationFailed`: `create_vm` failed; the director retries it while `ok_to_retry` is true.
    case vmCreationFailed(message: String, okToRetry: Bool = false)
    /// Any other type string, such as the Ruby CPI gem's `InvalidCall` or `Unknown`.
    case unrecognized(type: String, message: String, okToRetry: Bool = false)
}

extension CPIError {
    /// The type strings a director accepts in a response's error (`KNOWN_RPC_ERRORS`), in the director's order.
    public static let knownTypes: [String] = [
        "Bosh::Clouds::CpiError", "Bosh::Clouds::NotSupported", "Bosh::Clouds::NotImplemented",
        "Bosh::Clouds::CloudError", "Bosh::Clouds::VMNotFound", "Bosh::Clouds::NetworkNotFound",
        "Bosh::Clouds::NoDiskSpace", "Bosh::Clouds::DiskNotAttached", "Bosh::Clouds::DiskNotFound",
        "Bosh::Clouds::VMCreationFailed",
    ]

    /// Creates the error for a wire type string; a type outside ``knownTypes`` gives ``unrecognized(type:message:okToRetry:)``.
    public init(type: String, message: String, okToRetry: Bool = false) {
        switch type {
        case "Bosh::Clouds::CpiError": self = .cpiError(message: message, okToRetry: okToRetry)
        case "Bosh::Clouds::NotImplemented": self = .notImplemented(message: message, okToRetry: okToRetry)
        case "Bosh::Clouds::NotSupported": self = .notSupported(message: message, okToRetry: okToRetry)
        case "Bosh::Clouds::CloudError": self = .cloudError(message: message, okToRetry: okToRetry)
        case "Bosh::Clouds::VMNotFound": self = .vmNotFound(message: message, okToRetry: okToRetry)
        case "Bosh::Clouds::NetworkNotFound": self = .networkNotFound(message: message, okToRetry: okToRetry)
        case "Bosh::Clouds::NoDiskSpace": self = .noDiskSpace(message: message, okToRetry: okToRetry)
        case "Bosh::Clouds::DiskNotAttached": self = .diskNotAttached(message: message, okToRetry: okToRetry)
        case "Bosh::Clouds::DiskNotFound": self = .diskNotFound(message: message, okToRetry: okToRetry)
        case "Bosh::Clouds::VMCreationFailed": self = .vmCreationFailed(message: message, okToRetry: okToRetry)
        default: self = .unrecognized(type: type, message: message, okToRetry: okToRetry)
        }
    }

    /// The wire type string, such as `Bosh::Clouds::VMNotFound`.
    public var type: String {
        switch self {
        case .cpiError: return "Bosh::Clouds::CpiError"
        case .notImplemented: return "Bosh::Clouds::NotImplemented"
        case .notSupported: return "Bosh::Clouds::NotSupported"
        case .cloudError: return "Bosh::Clouds::CloudError"
        case .vmNotFound: return "Bosh::Clouds::VMNotFound"
        case .networkNotFound: return "Bosh::Clouds::NetworkNotFound"
        case .noDiskSpace: return "Bosh::Clouds::NoDiskSpace"
        case .diskNotAttached: return "Bosh::Clouds::DiskNotAttached"
        case .diskNotFound: return "Bosh::Clouds::DiskNotFound"
        case .vmCreationFailed: return "Bosh::Clouds::VMCreationFailed"
        case .unrecognized(let type, _, _): return type
        }
    }

    /// The human-readable message.
    public var message: String {
        switch self {
        case .cpiError(let message, _), .notImplemented(let message, _), .notSupported(let message, _),
            .cloudError(let message, _), .vmNotFound(let message, _), .networkNotFound(let message, _),
            .noDiskSpace(let message, _), .diskNotAttached(let message, _), .diskNotFound(let message, _),
            .vmCreationFailed(let message, _), .unrecognized(_, let message, _):
            return message
        }
    }

    /// The `ok_to_retry` flag as sent. The director only acts on it for `NoDiskSpace`, `DiskNotAttached`,
    /// `DiskNotFound` and `VMCreationFailed`; see ``directorHonoursRetry``.
    public var okToRetry: Bool {
        switch self {
        case .cpiError(_, let flag), .notImplemented(_, let flag), .notSupported(_, let flag), .cloudError(_, let flag),
            .vmNotFound(_, let flag), .networkNotFound(_, let flag), .noDiskSpace(_, let flag),
            .diskNotAttached(_, let flag), .diskNotFound(_, let flag), .vmCreationFailed(_, let flag),
            .unrecognized(_, _, let flag):
            return flag
        }
    }

    /// Whether a director recognises the type (it is one of ``knownTypes``).
    public var isKnownToDirector: Bool {
        if case .unrecognized = self { return false }
        return true
    }

    /// Whether the director's class for this type is a `RetriableCloudError`, i.e. `ok_to_retry` is acted on.
    public var directorHonoursRetry: Bool {
        switch self {
        case .noDiskSpace, .diskNotAttached, .diskNotFound, .vmCreationFailed: return true
        default: return false
        }
    }
}

extension CPIError: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
        case message
        case okToRetry = "ok_to_retry"
    }

    /// Decodes `{type, message, ok_to_retry}`; all three keys are required, as the director's response schema has it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            type: try container.decode(String.self, forKey: .type),
            message: try container.decode(String.self, forKey: .message),
            okToRetry: try container.decode(Bool.self, forKey: .okToRetry)
        )
    }

    /// Encodes `{type, message, ok_to_retry}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(message, forKey: .message)
        try container.encode(okToRetry, forKey: .okToRetry)
    }
}

extension CPIError: CustomStringConvertible {
    /// `"<type>: <message>"`, with `(ok_to_retry)` appended when the flag is set.
    public var description: String {
        "\(type): \(message)" + (okToRetry ? " (ok_to_retry)" : "")
    }
}
