/// The version of the BoshKit `AgentProtocol` module.
public let AgentProtocolVersion = "0.1.0"
