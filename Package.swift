// swift-tools-version: 6.0
import PackageDescription

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "jid-service",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jid", targets: ["JIDTool"]),
        .library(name: "JIDCore", targets: ["JIDCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // The only code that includes ICU or libidn2 headers (see DESIGN.md §2).
        .target(
            name: "CUnicode",
            linkerSettings: [
                .linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata"),
                .linkedLibrary("idn2"),
            ]
        ),
        // The few operating-system calls Swift's Glibc module does not expose (allocator tuning, writeback).
        .target(name: "CSystem"),
        .target(name: "JIDCore", dependencies: ["CUnicode"], swiftSettings: swiftSettings),
        // Deterministic address corpora for benchmarks and equivalence tests.
        .target(name: "JIDCorpus", swiftSettings: swiftSettings),
        .executableTarget(
            name: "JIDTool",
            dependencies: ["JIDCore", "CSystem", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "JIDCoreTests",
            dependencies: ["JIDCore", "JIDCorpus", "CUnicode"],
            exclude: ["Oracles"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "JIDToolTests", dependencies: ["JIDTool"], swiftSettings: swiftSettings),
    ]
)

// Benchmarks stay out of the normal build and test run; set JID_BENCHMARKS=1 to add them.
if getenv("JID_BENCHMARKS") != nil {
    package.targets.append(
        .executableTarget(
            name: "jid-benchmark", dependencies: ["JIDCore", "JIDCorpus"], path: "Benchmarks/JIDBenchmark",
            swiftSettings: swiftSettings))
}
