import Testing

@testable import JIDCore

@Suite struct DerivedPropertyTests {
    /// The reference table: "0000-001F DISALLOWED/controls" per line; every code point must be listed.
    static func reference() -> [(property: String, category: String)?] {
        var table = [(property: String, category: String)?](repeating: nil, count: 0x110000)
        for line in Fixtures.lines("derived-props-15.0.txt") {
            let fields = line.split(separator: " ")
            let bounds = fields[0].split(separator: "-").map { Int($0, radix: 16)! }
            let value = fields[1].split(separator: "/").map(String.init)
            for codePoint in bounds[0]...bounds[1] { table[codePoint] = (value[0], value[1]) }
        }
        return table
    }

    /// Error reports name categories by `identifier`, written out for speed: it must stay `name` with hyphens.
    @Test func categoryIdentifiersAreTheNamesWithHyphens() {
        for category in PrecisCategory.allCases {
            #expect(category.identifier == String(category.name.map { $0 == "_" ? "-" : $0 }))
        }
    }

    /// `codePointNotation` writes its hex digits itself: at least four, upper case, as many as the value needs.
    @Test func codePointNotationHasAtLeastFourUpperCaseDigits() {
        let cases: [(UInt32, String)] = [
            (0x0, "U+0000"), (0x41, "U+0041"), (0x2163, "U+2163"), (0xFFFF, "U+FFFF"), (0x1F600, "U+1F600"),
            (0x10FFFF, "U+10FFFF"), (0xABCD, "U+ABCD"),
        ]
        for (value, notation) in cases { #expect(Unicode.Scalar(value)!.codePointNotation == notation) }
    }

    @Test func everyCodePointMatchesTheUnicode15Reference() {
        let reference = Self.reference()
        let table = PrecisDerivedProperties.shared
        var mismatches: [String] = []
        var checked = 0
        for codePoint in 0..<0x110000 {
            guard let expected = reference[codePoint] else {
                mismatches.append("U+\(String(codePoint, radix: 16)) missing from the reference")
                continue
            }
            let (property, category) = table.classify(UInt32(codePoint))
            let name = property == .freePVal ? "FREE_PVAL" : property.name
            if name != expected.property || category.name != expected.category {
                mismatches.append(
                    "U+\(String(codePoint, radix: 16, uppercase: true)): \(name)/\(category.name), "
                        + "expected \(expected.property)/\(expected.category)")
            }
            checked += 1
        }
        #expect(checked == 0x110000)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(20))")
    }
}
