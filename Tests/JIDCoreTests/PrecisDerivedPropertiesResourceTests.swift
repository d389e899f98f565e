import Foundation
import Testing

@testable import JIDCore

/// The PRECIS derived property table is loaded from a resource generated from ICU, not derived at each start: the
/// resource must be exactly what this ICU derives, and a resource for another ICU, or a damaged one, is not used.
@Suite struct PrecisDerivedPropertiesResourceTests {
    static let resource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/JIDCore/Resources/precis-derived-properties.bin")

    /// `JID_WRITE_PRECIS_TABLE=1 swift test --filter PrecisDerivedPropertiesResourceTests` writes the resource anew
    /// (after an ICU upgrade).
    @Test func theResourceIsTheTableThisICUDerives() throws {
        let derived = PrecisDerivedProperties.derived()
        let bytes = derived.serialized()
        if ProcessInfo.processInfo.environment["JID_WRITE_PRECIS_TABLE"] == "1" {
            try Data(bytes).write(to: Self.resource)
        }
        let stored = Array(try Data(contentsOf: Self.resource))
        #expect(
            stored == bytes,
            "the resource is not what ICU \(UnicodeVersions.current.icu) derives: regenerate it with JID_WRITE_PRECIS_TABLE=1"
        )
        let loaded = try #require(PrecisDerivedProperties(serialized: stored))
        #expect(loaded.table.isComplete && loaded.stability.isComplete)
        #expect(loaded.table.sameValues(as: derived.table))
        #expect(loaded.stability.sameValues(as: derived.stability))
        #expect(loaded.stableLowercase == derived.stableLowercase)
        #expect(PrecisDerivedProperties.shared.table.sameValues(as: derived.table))
        #expect(PrecisDerivedProperties.shared.stableLowercase == derived.stableLowercase)
    }

    @Test func aResourceForAnotherICUOrDamagedIsNotUsed() throws {
        let bytes = PrecisDerivedProperties.derived().serialized()
        #expect(PrecisDerivedProperties(serialized: bytes) != nil)
        // Another ICU's.
        var other = bytes
        let version = PrecisDerivedProperties.resourceMagic.count
        other[version] = other[version] == UInt8(ascii: "9") ? UInt8(ascii: "8") : UInt8(ascii: "9")
        #expect(PrecisDerivedProperties(serialized: other) == nil)
        // Cut short anywhere, or with bytes after the end.
        for length in [0, 10, bytes.count / 3, bytes.count / 2, bytes.count - 1] {
            #expect(PrecisDerivedProperties(serialized: Array(bytes.prefix(length))) == nil, "\(length)")
        }
        #expect(PrecisDerivedProperties(serialized: bytes + [0]) == nil)
        // A run past the last code point.
        let header = PrecisDerivedProperties.resourceMagic + PrecisDerivedProperties.resourceVersion
        #expect(PrecisDerivedProperties(serialized: header + [0x81, 0x80, 0x45, 0, 0, 0]) == nil)
        #expect(PrecisDerivedProperties(serialized: []) == nil)
    }
}
