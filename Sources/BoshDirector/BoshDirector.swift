@_exported import BoshDirectorStore

/// The director side of a local BOSH: deploy flow, health monitor, deployment state, blobstore and a local
/// NATS server, wired from the other BoshKit modules. Its records live in a ``DirectorStore``
/// (`BoshDirectorStore`, re-exported).
public enum BoshDirector {}
