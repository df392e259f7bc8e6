// `JSONValue` and `DiskHint` live in BoshJSON; re-exported so `import AgentProtocol` names them too.
@_exported import BoshJSON

/// The version of the BoshKit `AgentProtocol` module.
public let AgentProtocolVersion = "0.1.0"
