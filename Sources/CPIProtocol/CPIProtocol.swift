/// The version of the BoshKit `CPIProtocol` module.
public let CPIProtocolVersion = "0.1.0"
