// `JSONValue` and `DiskHint` live in BoshJSON; re-exported so `import CPIProtocol` keeps naming them.
@_exported import BoshJSON

/// The version of the BoshKit `CPIProtocol` module.
public let CPIProtocolVersion = "0.1.0"
