// swift-tools-version: 6.1
import PackageDescription

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "jid-service",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jid", targets: ["JIDTool"]),
        .library(name: "JIDCore", targets: ["JIDCore"]),
        .library(name: "JIDConfusables", targets: ["JIDConfusables"]),
        .library(name: "JIDTLS", targets: ["JIDTLS"]),
        .library(name: "JIDBulk", targets: ["JIDBulk"]),
        .library(name: "JIDProbe", targets: ["JIDProbe"]),
        .library(name: "JIDSignup", targets: ["JIDSignup"]),
        .library(name: "JIDStore", targets: ["JIDStore"]),
    ],
    // Exact versions: two builds a month apart use the same code. (Package.resolved stays out of the repository: the
    // package mirror's commit ids are not upstream's, so a committed one would not resolve elsewhere.)
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // swift-configuration support is not used: configuration comes from flags and JID_* variables.
        .package(
            url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        // Already in the graph through Hummingbird; declared because JIDServer imports them.
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", exact: "1.35.2"),
        // RFC 7590 certificate verification: X.509 parsing and RFC 5280 path building, DER, hashes.
        .package(url: "https://github.com/apple/swift-certificates", exact: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", exact: "1.7.4"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        // The live TLS probe's handshakes (BoringSSL).
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        // State: the embedded store (SQLite, the library bundles its own) and the shared one (PostgreSQL).
        .package(url: "https://github.com/vapor/sqlite-nio", exact: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // The only code that includes ICU or libidn2 headers (see ARCHITECTURE.md).
        .target(
            name: "CUnicode",
            linkerSettings: [
                .linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata"),
                .linkedLibrary("idn2"),
            ]
        ),
        // The few operating-system calls Swift's Glibc module does not expose (allocator tuning, writeback, DNS
        // look-ups through the system resolver, libresolv).
        .target(name: "CPlatform", linkerSettings: [.linkedLibrary("resolv")]),
        .target(
            name: "JIDCore", dependencies: ["CUnicode"],
            // The PRECIS derived property table, generated from ICU (PrecisDerivedPropertiesResourceTests).
            resources: [.embedInCode("Resources/precis-derived-properties.bin")], swiftSettings: swiftSettings),
        // UTS #39 confusable scoring, pair comparison and the registered-name index.
        .target(name: "JIDConfusables", dependencies: ["JIDCore", "CUnicode"], swiftSettings: swiftSettings),
        // A signup form's question in one call, and messages for people in their language (ICU MessageFormat).
        .target(
            name: "JIDSignup", dependencies: ["JIDCore", "JIDConfusables", "CUnicode"], swiftSettings: swiftSettings),
        // State that lasts: the registered names on SQLite or PostgreSQL, followed by every replica.
        .target(
            name: "JIDStore",
            dependencies: [
                "JIDConfusables", "JIDTLS",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // RFC 7590: does a certificate chain authenticate an XMPP domain (RFC 6120 §13.7, RFC 9525)?
        .target(
            name: "JIDTLS",
            dependencies: [
                "JIDCore",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // libxml2's push parser, for the XMPP streams the probe reads; only CXML includes its headers.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CXML", dependencies: ["CLibXML2"]),
        // `jid tls probe`: a live XMPP service's STARTTLS, protocol versions and certificate (RFC 7590, RFC 9325).
        .target(
            name: "JIDProbe",
            dependencies: [
                "JIDCore", "JIDTLS", "CPlatform", "CXML",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The bulk engine: reading, parallel checking in input order, collisions, summary; files and other byte
        // sources and sinks.
        .target(name: "JIDBulk", dependencies: ["JIDCore", "CPlatform"], swiftSettings: swiftSettings),
        // Deterministic address corpora for benchmarks and equivalence tests.
        .target(name: "JIDCorpus", swiftSettings: swiftSettings),
        .target(
            name: "JIDServer",
            dependencies: [
                "JIDCore", "JIDConfusables", "JIDTLS", "JIDProbe", "JIDSignup", "JIDStore", "CPlatform",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [
                .embedInCode("Resources/openapi.yaml"),
                // The web page (UIRoutes): no build step, served as written.
                .embedInCode("Resources/ui/index.html"),
                .embedInCode("Resources/ui/playground.js"),
                .embedInCode("Resources/ui/playground.css"),
                .embedInCode("Resources/ui/jid-username.js"),
                .embedInCode("Resources/ui/widget-demo.html"),
                .embedInCode("Resources/ui/icon.svg"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "JIDTool",
            dependencies: [
                "JIDCore", "JIDConfusables", "JIDServer", "JIDTLS", "JIDProbe", "JIDBulk", "JIDSignup", "JIDStore",
                "CPlatform",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings,
            // `jid` exports none of its symbols. A build with the Swift runtime linked in (`--static-swift-stdlib`, as
            // the README builds it) would otherwise export tens of thousands, and the runtime's start looks its own
            // path up with dladdr, a walk over every exported symbol (README, "Start-up").
            linkerSettings: [
                .unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux], configuration: .release))
            ]
        ),
        .testTarget(
            name: "JIDCoreTests",
            dependencies: ["JIDCore", "JIDCorpus", "CUnicode"],
            exclude: ["Oracles"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "JIDConfusablesTests",
            dependencies: ["JIDConfusables", "JIDCore", "CUnicode"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "JIDServerTests",
            dependencies: [
                "JIDServer", "JIDStore", "JIDProbe", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "JIDTLSTests",
            dependencies: ["JIDTLS", "JIDCore", .product(name: "X509", package: "swift-certificates")],
            exclude: ["make-fixtures.sh", "Oracles"],
            swiftSettings: swiftSettings),
        .testTarget(name: "JIDToolTests", dependencies: ["JIDTool"], swiftSettings: swiftSettings),
        .testTarget(
            name: "JIDProbeTests", dependencies: ["JIDProbe", "JIDTLS", "JIDCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "JIDBulkTests", dependencies: ["JIDBulk", "JIDCore", "JIDCorpus"], swiftSettings: swiftSettings),
        .testTarget(
            name: "JIDStoreTests",
            dependencies: [
                "JIDStore", "JIDConfusables", "JIDCore", "JIDTLS",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "JIDSignupTests", dependencies: ["JIDSignup", "JIDConfusables", "JIDCore"],
            swiftSettings: swiftSettings),
    ]
)

// Benchmarks stay out of the normal build and test run; set JID_BENCHMARKS=1 to add them.
if getenv("JID_BENCHMARKS") != nil {
    package.targets.append(
        .executableTarget(
            name: "jid-benchmark", dependencies: ["JIDCore", "JIDCorpus"], path: "Benchmarks/JIDBenchmark",
            swiftSettings: swiftSettings))
    package.targets.append(
        .executableTarget(
            name: "jid-confusables-benchmark", dependencies: ["JIDConfusables", "JIDCore", "JIDCorpus", "JIDStore"],
            path: "Benchmarks/ConfusablesBenchmark", swiftSettings: swiftSettings))
    package.targets.append(
        .executableTarget(
            name: "jid-tls-benchmark", dependencies: ["JIDTLS"], path: "Benchmarks/TLSBenchmark",
            swiftSettings: swiftSettings))
}

// libFuzzer targets (Fuzz/run.sh builds them with -sanitize=fuzzer,address); set JID_FUZZ=1 to add them.
if getenv("JID_FUZZ") != nil {
    package.targets.append(.target(name: "CFuzz", path: "Fuzz/CFuzz"))
    let x509: Target.Dependency = .product(name: "X509", package: "swift-certificates")
    for (name, dependencies) in [
        ("FuzzJID", ["JIDCore"]), ("FuzzLegacy", ["JIDCore"]), ("FuzzEscaping", ["JIDCore"]), ("FuzzURI", ["JIDCore"]),
        ("FuzzConfusables", ["JIDCore", "JIDConfusables"]), ("FuzzTLS", ["JIDCore", "JIDTLS"]),
    ] {
        package.targets.append(
            .executableTarget(
                name: name,
                dependencies: (dependencies + ["CFuzz"]).map { .target(name: $0) } + (name == "FuzzTLS" ? [x509] : []),
                path: "Fuzz/\(name)", swiftSettings: swiftSettings + [.unsafeFlags(["-parse-as-library"])]))
    }
}
