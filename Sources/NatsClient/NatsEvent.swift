/// Something that happened to a ``NatsClient`` connection; see ``NatsClient/events()``.
public enum NatsEvent: Sendable, Equatable {
    /// The connection to a server was lost; the client reconnects unless closed.
    case disconnected(NatsError?)
    /// The client is connected again, to the given server (`host:port`), with subscriptions restored.
    case reconnected(String)
    /// The client was closed for good (by ``NatsClient/close()`` or after the last reconnect attempt).
    case closed(NatsError?)
    /// A subscription dropped messages because its consumer was too slow; `dropped` is the running total.
    case slowConsumer(subject: String, dropped: Int)
    /// The server sent an `-ERR` that did not close the connection (e.g. a permissions violation).
    case serverError(String)
    /// The server announced cluster members not in the pool yet (`host:port`).
    case discoveredServers([String])
    /// The server entered lame duck mode and will shut down soon.
    case lameDuckMode
}
