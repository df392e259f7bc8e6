// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "BoshKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "BoshYAML", targets: ["BoshYAML"]),
        .library(name: "BoshJSON", targets: ["BoshJSON"]),
        .library(name: "ManifestModel", targets: ["ManifestModel"]),
        .library(name: "ReleaseSpec", targets: ["ReleaseSpec"]),
        .library(name: "StemcellSpec", targets: ["StemcellSpec"]),
        .library(name: "CPIProtocol", targets: ["CPIProtocol"]),
        .library(name: "AgentProtocol", targets: ["AgentProtocol"]),
        .library(name: "NatsClient", targets: ["NatsClient"]),
        .library(name: "Scheduler", targets: ["Scheduler"]),
        .library(name: "BoshAgent", targets: ["BoshAgent"]),
        .library(name: "BoshDirectorStore", targets: ["BoshDirectorStore"]),
        .library(name: "BoshDirectorPostgres", targets: ["BoshDirectorPostgres"]),
        .library(name: "BoshDirector", targets: ["BoshDirector"]),
        .library(name: "BoshDirectorAPI", targets: ["BoshDirectorAPI"]),
        .executable(name: "boshkit", targets: ["boshkit"]),
        .executable(name: "boshkit-bench", targets: ["boshkit-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // System libraries (Debian: libyaml-dev, libssl-dev, zlib1g-dev; installed by scripts/setup.sh).
        .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CLibSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // The shared YAML layer.
        .target(name: "BoshYAML", dependencies: ["CLibYAML"]),

        // Spec modules.
        .target(
            name: "ManifestModel",
            dependencies: [
                "BoshYAML", "CLibSSL", .product(name: "Logging", package: "swift-log"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Internal: streaming gzip/tar reading and digests shared by ReleaseSpec and StemcellSpec.
        .target(name: "BoshArchive", dependencies: ["BoshYAML", "CZlib", "CLibSSL"]),
        .target(
            name: "ReleaseSpec",
            dependencies: ["BoshYAML", "BoshArchive", "BoshProcess", .product(name: "Logging", package: "swift-log")],
            resources: [.copy("Rendering/Resources")]
        ),
        .target(
            name: "StemcellSpec",
            dependencies: ["BoshYAML", "BoshArchive", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Scheduler",
            dependencies: ["ManifestModel", "ReleaseSpec", .product(name: "Logging", package: "swift-log")]
        ),

        // Internal: child processes (spawn in a process group, stdin from memory, output collected, group killed
        // on timeout or cancellation; daemons in a session of their own). Foundation and Glibc only.
        .target(name: "BoshProcess"),

        // The JSON value types both protocol modules share (Foundation only); each of them re-exports it.
        .target(name: "BoshJSON"),

        // Stand-alone protocol modules.
        .target(
            name: "CPIProtocol",
            dependencies: [
                "BoshJSON", "BoshProcess", .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "NatsClient",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "AgentProtocol",
            dependencies: ["BoshJSON", "NatsClient", .product(name: "Logging", package: "swift-log")]
        ),

        // A small local agent (jobs, packages, processes) on AgentProtocol.
        .target(
            name: "BoshAgent",
            dependencies: ["AgentProtocol", "NatsClient", "BoshArchive", .product(name: "Logging", package: "swift-log")]
        ),
        // The director's records in a database: the schema, tasks, locks, events, configs, and the embedded
        // SQLite engine (sqlite-nio).
        .target(
            name: "BoshDirectorStore",
            dependencies: [
                "Scheduler", .product(name: "SQLiteNIO", package: "sqlite-nio"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The PostgreSQL engine of the store (postgres-nio), its own target so embedders without it don't build it.
        .target(
            name: "BoshDirectorPostgres",
            dependencies: [
                "BoshDirectorStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The director side of the local demo: deploy flow, health monitor, state, blobstore, local NATS.
        .target(
            name: "BoshDirector",
            dependencies: [
                "BoshYAML", "ManifestModel", "ReleaseSpec", "StemcellSpec", "Scheduler", "CPIProtocol",
                "AgentProtocol", "NatsClient", "BoshArchive", "BoshProcess", "BoshDirectorStore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The director's REST API (what the bosh CLI talks to) over the engine, on Hummingbird 2 with TLS.
        .target(
            name: "BoshDirectorAPI",
            dependencies: [
                "BoshDirector", "BoshDirectorStore", "ManifestModel", "AgentProtocol", "BoshYAML",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The demo CLI: wiring only.
        .executableTarget(
            name: "boshkit",
            dependencies: [
                "BoshYAML", "ManifestModel", "ReleaseSpec", "StemcellSpec", "CPIProtocol", "AgentProtocol",
                "NatsClient", "Scheduler", "BoshAgent", "BoshDirector", "BoshDirectorStore", "BoshDirectorPostgres",
                "BoshDirectorAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "boshkit-bench",
            dependencies: [
                "CLibYAML", "BoshYAML", "ManifestModel", "ReleaseSpec", "CPIProtocol", "NatsClient", "Scheduler", "AgentProtocol",
                "BoshDirectorStore", "BoshDirectorPostgres", "BoshDirectorAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/boshkit-bench",
            exclude: ["Fixtures"]
        ),

        // What several test targets share: a seeded random generator, running heavy work off the cooperative pool.
        .target(name: "BoshKitTestSupport", dependencies: ["Scheduler"], path: "Tests/BoshKitTestSupport"),
        .testTarget(name: "BoshYAMLTests", dependencies: ["BoshYAML", "BoshKitTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ManifestModelTests", dependencies: ["ManifestModel", "BoshKitTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ReleaseSpecTests", dependencies: ["ReleaseSpec", "BoshArchive", "BoshKitTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "StemcellSpecTests", dependencies: ["StemcellSpec", "BoshArchive"], exclude: ["Fixtures"]),
        .testTarget(name: "CPIProtocolTests", dependencies: ["CPIProtocol", "BoshProcess"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "NatsClientTests",
            dependencies: ["NatsClient", .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "AgentProtocolTests",
            dependencies: ["AgentProtocol", "NatsClient", .product(name: "Logging", package: "swift-log")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "SchedulerTests", dependencies: ["Scheduler", "ReleaseSpec"]),
        .testTarget(
            name: "BoshAgentTests",
            dependencies: ["BoshAgent", "AgentProtocol", "NatsClient", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "BoshDirectorStoreTests",
            dependencies: ["BoshDirectorStore", "BoshDirectorPostgres", .product(name: "Logging", package: "swift-log")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "BoshDirectorAPITests",
            dependencies: [
                "BoshDirectorAPI", "BoshDirectorStore", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "BoshDirectorTests",
            dependencies: ["BoshDirector", "ReleaseSpec", .product(name: "Logging", package: "swift-log")]
        ),
        // The Swift samples of Documentation/*.md and the DocC catalogs, compiled so they cannot drift; a test checks
        // that every ```swift block of the docs is present verbatim in Tests/DocSamplesTests/Samples.
        .testTarget(
            name: "DocSamplesTests",
            dependencies: [
                "BoshYAML", "BoshJSON", "ManifestModel", "ReleaseSpec", "StemcellSpec", "CPIProtocol", "NatsClient",
                "AgentProtocol", "Scheduler", "BoshAgent", "BoshDirectorStore", "BoshDirectorPostgres", "BoshDirector",
                "BoshDirectorAPI", "BoshKitTestSupport", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "BoshKitCLITests",
            dependencies: [
                "boshkit", "BoshDirectorStore", "BoshKitTestSupport", "ReleaseSpec", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            exclude: ["Fixtures", "Snapshots"]),
    ]
)

// Fuzz targets (libFuzzer + AddressSanitizer), only when Fuzz/run-fuzz.sh builds them: `BOSHKIT_FUZZ=1`. The
// package's own build and tests never see them.
if Context.environment["BOSHKIT_FUZZ"] != nil {
    let targets: [(String, [Target.Dependency])] = [
        ("OpsFuzz", ["BoshYAML", "ManifestModel"]),
        ("VariablesFuzz", ["BoshYAML", "ManifestModel"]),
        ("DiffFuzz", ["ManifestModel"]),
        ("ReleaseFuzz", ["ReleaseSpec"]),
        ("SpecFuzz", ["ReleaseSpec", "StemcellSpec"]),
        ("NatsFuzz", ["NatsClient", .product(name: "NIOCore", package: "swift-nio")]),
        ("CPIFuzz", ["CPIProtocol"]),
        ("AgentFuzz", ["AgentProtocol"]),
        (
            "APIFuzz",
            [
                "BoshDirectorAPI", "BoshDirectorStore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"), .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
    ]
    for (name, dependencies) in targets {
        package.targets.append(.executableTarget(name: name, dependencies: dependencies, path: "Fuzz/Targets/\(name)"))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
