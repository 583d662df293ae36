// swift-tools-version:6.2
import PackageDescription

/// Every Parlons target builds in Swift 6 language mode with strict concurrency.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "parlons",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parlons", targets: ["parlons"]),
        .library(name: "AudioCodec", targets: ["AudioCodec"]),
        .library(name: "Storage", targets: ["Storage"]),
        .library(name: "EmbeddedStorage", targets: ["EmbeddedStorage"]),
        .library(name: "PostgresStorage", targets: ["PostgresStorage"]),
        .library(name: "Services", targets: ["Services"]),
        .library(name: "SyncClient", targets: ["SyncClient"]),
        .library(name: "WebAPI", targets: ["WebAPI"]),
        .library(name: "Transcripts", targets: ["Transcripts"]),
        .library(name: "Alignment", targets: ["Alignment"]),
        .library(name: "Exercises", targets: ["Exercises"]),
        .library(name: "ScenarioFormat", targets: ["ScenarioFormat"]),
    ],
    dependencies: [
        // No default traits: the swift-configuration support is not used and costs build time.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // Already built for Hummingbird; named here for the HTTP part types our channel handlers see.
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // The stores of a network of centres on PostgreSQL.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // Already built for postgres-nio; named for the TLS settings of the database connections.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(name: "COpus", pkgConfig: "opus", providers: [.apt(["libopus-dev"])]),
        .systemLibrary(name: "COgg", pkgConfig: "ogg", providers: [.apt(["libogg-dev"])]),
        .systemLibrary(name: "CSoxr", pkgConfig: "soxr", providers: [.apt(["libsoxr-dev"])]),
        .systemLibrary(name: "CEspeakNG", pkgConfig: "espeak-ng", providers: [.apt(["libespeak-ng-dev"])]),
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3f", providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(name: "CSQLiteTuning", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // posix_spawn's close-from file action (glibc), which Swift's Glibc module leaves out.
        .systemLibrary(name: "CSpawn", path: "Sources/CSpawn"),
        // gzip for the client's files, compressed once at start-up.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "AudioCodec",
            dependencies: ["COpus", "COgg", "CSoxr", "CSpawn"],
            swiftSettings: swiftSettings
        ),
        // The stores' protocols, one per area, and the values they keep: no database, no HTTP.
        .target(
            name: "Storage",
            dependencies: ["Transcripts", "Exercises", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The embedded default behind those protocols: SQLite (GRDB: migrations, records, FTS5) and
        // the media folder of content-addressed files.
        .target(
            name: "EmbeddedStorage",
            dependencies: [
                "Storage",
                "Transcripts",
                "Exercises",
                "CSQLiteTuning",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // Outbound HTTP shared by the object-store client and the sync client: why a request got no
        // answer, said once.
        .target(
            name: "OutboundHTTP",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Blobs in an S3-compatible object store (path-style S3 over AsyncHTTPClient, Signature V4 with
        // swift-crypto): the network of centres' alternative to the media folder.
        .target(
            name: "S3Storage",
            dependencies: [
                "Storage",
                "OutboundHTTP",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The same protocols on PostgreSQL (postgres-nio: a pool, bound parameters), for a network of
        // centres; blobs stay with a BlobStore of their own.
        .target(
            name: "PostgresStorage",
            dependencies: [
                "Storage",
                "Transcripts",
                "Exercises",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The domain operations between HTTP and storage, with their own errors; no HTTP.
        .target(
            name: "Services",
            dependencies: [
                "Storage",
                "AudioCodec",
                "Transcripts",
                "Alignment",
                "Exercises",
                "ScenarioFormat",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                // Sync bundles are signed (HMAC-SHA256) and checksummed.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The client side of sync over HTTP between two paired servers (AsyncHTTPClient): the
        // concrete `SyncPeer` the services' exchange talks to.
        .target(
            name: "SyncClient",
            dependencies: [
                "Services",
                "Storage",
                "OutboundHTTP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "WebAPI",
            dependencies: [
                "AudioCodec",
                "CZlib",
                "Services",
                "Transcripts",
                "Alignment",
                "Exercises",
                "ScenarioFormat",
                "Storage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The browser and kiosk client (plain HTML, CSS and JavaScript modules, served as they are)
            // and the OpenAPI description (compiled into the binary, served at /api/openapi.yaml).
            resources: [.copy("Public"), .embedInCode("openapi.yaml")],
            swiftSettings: swiftSettings
        ),
        // The transcript model, tokenising, timing edits, and the subtitle/annotation formats
        // (Formats/): pure Swift, no C library, no I/O.
        .target(name: "Transcripts", swiftSettings: swiftSettings),
        // The aligners: eSpeak NG's synthesis + MFCC (FFTW) + DTW, and the pause aligner.
        .target(name: "Alignment", dependencies: ["Transcripts", "CEspeakNG", "CFFTW"], swiftSettings: swiftSettings),
        // Exercises cut from timed transcripts, answer scoring, levels: pure.
        .target(name: "Exercises", dependencies: ["Transcripts"], swiftSettings: swiftSettings),
        // Scenario files: Markdown with a YAML front matter (Yams), validated with lines. No I/O.
        .target(name: "ScenarioFormat", dependencies: ["Transcripts", "Exercises", "Yams"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "parlons",
            dependencies: [
                "WebAPI",
                "Services",
                "AudioCodec",
                "Storage",
                "EmbeddedStorage",
                "S3Storage",
                "PostgresStorage",
                "SyncClient",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmarks/align's runner: the aligners on one WAV file and its text (never shipped).
        .executableTarget(name: "parlons-align-bench", dependencies: ["Alignment", "AudioCodec", "Transcripts"], path: "Benchmarks/AlignBench", swiftSettings: swiftSettings),
        // Benchmarks/sync's runner: a camp month exchanged by bundle, then over HTTP on loopback, between two embedded servers or a camp
        // and a centre on PostgreSQL (never shipped).
        .executableTarget(name: "parlons-sync-bench", dependencies: ["Services", "Storage", "EmbeddedStorage", "PostgresStorage", "Exercises",
                                                                  "Transcripts", "WebAPI",
                                                                  "SyncClient", .product(name: "Hummingbird", package: "hummingbird"),
                                                                  .product(name: "Logging", package: "swift-log")],
                          path: "Benchmarks/SyncBench", swiftSettings: swiftSettings),
        // Signal generators, WAV builders and tool runners shared by the test targets (never shipped).
        .target(name: "TestSupport", dependencies: ["AudioCodec", "CSpawn", "Exercises", "S3Storage"], path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "AudioCodecTests", dependencies: ["AudioCodec", "TestSupport"], swiftSettings: swiftSettings),
        // The libFuzzer targets' logic (Fuzz/run builds it with the sanitizers); the test replays Fuzz/Corpus in CI.
        .target(name: "FuzzTargets", dependencies: ["AudioCodec", "Transcripts"], path: "Fuzz/Targets", swiftSettings: swiftSettings),
        // The API's JSON bodies and their checks, for the `body` fuzz target (it reads WebAPI's
        // internals: debug builds only).
        .target(name: "APIFuzzTargets", dependencies: ["WebAPI", "Transcripts", "Exercises"], path: "Fuzz/APITargets", swiftSettings: swiftSettings),
        // Scenario files for the `scenario` fuzz target (Fuzz/run builds Yams with the sanitizers for it).
        .target(name: "ScenarioFuzzTargets", dependencies: ["ScenarioFormat"], path: "Fuzz/ScenarioTargets", swiftSettings: swiftSettings),
        .testTarget(name: "FuzzReplayTests", dependencies: ["FuzzTargets", "APIFuzzTargets", "ScenarioFuzzTargets", "AudioCodec", "Transcripts"],
                    swiftSettings: swiftSettings),
        .testTarget(
            name: "TranscriptsTests",
            dependencies: ["Transcripts", "TestSupport"],
            exclude: ["ecosystem.py"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "AlignmentTests", dependencies: ["Alignment", "Transcripts", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ExercisesTests", dependencies: ["Exercises", "Transcripts", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ScenarioFormatTests", dependencies: ["ScenarioFormat", "Transcripts"], swiftSettings: swiftSettings),
        // One conformance suite per store protocol, written against the protocols only: every
        // implementation's test target runs them all (never shipped).
        .target(name: "StoreConformance",
                dependencies: ["Storage", "Transcripts", "Exercises", "TestSupport", .product(name: "Crypto", package: "swift-crypto")],
                path: "Tests/StoreConformance", swiftSettings: swiftSettings),
        .testTarget(name: "EmbeddedStorageTests",
                    dependencies: ["EmbeddedStorage", "Storage", "StoreConformance", "Transcripts", "Exercises", "TestSupport"],
                    swiftSettings: swiftSettings),
        // The signer on AWS's published examples; the blob conformance suite on S3BlobStore against a
        // moto server on loopback.
        .testTarget(name: "S3StorageTests", dependencies: ["S3Storage", "Storage", "EmbeddedStorage", "StoreConformance", "TestSupport"],
                    swiftSettings: swiftSettings),
        // The same suites on PostgreSQL (a throwaway cluster the tests start), blobs in media folders.
        .testTarget(name: "PostgresStorageTests",
                    dependencies: ["PostgresStorage", "EmbeddedStorage", "Storage", "StoreConformance", "TestSupport"],
                    swiftSettings: swiftSettings),
        // Several `parlons serve` nodes on one PostgreSQL database and one S3 bucket (the tests'
        // cluster and moto server), as a network of centres runs them behind a load balancer.
        .testTarget(name: "MultiNodeTests", dependencies: ["S3Storage", "Storage", "TestSupport", .product(name: "Crypto", package: "swift-crypto")],
                    swiftSettings: swiftSettings),
        // `migrate-store`: a library made on the embedded stores moved into PostgreSQL and moto's S3.
        .testTarget(name: "StoreMigrationTests",
                    dependencies: ["Services", "Storage", "EmbeddedStorage", "PostgresStorage", "S3Storage", "TestSupport", "Transcripts",
                                   "Exercises", .product(name: "GRDB", package: "GRDB.swift")],
                    swiftSettings: swiftSettings),
        // The services on the embedded stores, for what the HTTP tests do not reach; sync also with a centre on PostgreSQL.
        // Sync over HTTP too: the exchange between a camp's stores and a live centre (WebAPI on loopback).
        .testTarget(name: "ServicesTests", dependencies: ["Services", "Storage", "EmbeddedStorage", "PostgresStorage", "TestSupport", "WebAPI",
                                                        "SyncClient",
                                                        .product(name: "Crypto", package: "swift-crypto")],
                    swiftSettings: swiftSettings),
        .testTarget(
            name: "WebAPITests",
            dependencies: ["WebAPI", "AudioCodec", "Storage", "EmbeddedStorage", "TestSupport", "APIFuzzTargets",
                           .product(name: "NIOEmbedded", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
    ]
)
