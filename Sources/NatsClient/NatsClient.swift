/// The version of the BoshKit `NatsClient` module.
public let NatsClientVersion = "0.1.0"
