import Testing

@testable import JIDCore

/// An input and its expected RFC 6122 (stored mode) and RFC 7622 outcomes, worked out by hand from the RFCs.
struct MigrationCase: CustomTestStringConvertible, Sendable {
    let input: String
    let legacy: String?
    let modern: String?
    let status: MigrationStatus
    let reason: String?
    let why: String
    var testDescription: String { input.debugDescription }
}

@Suite struct MigrationTests {
    static let cases: [MigrationCase] = [
        .init(
            input: "fußball@example.com", legacy: "fussball@example.com", modern: "fußball@example.com",
            status: .canonicalChanged, reason: "sharp-s-kept", why: "Nodeprep B.2 maps ß to ss; PRECIS keeps ß"),
        .init(
            input: "Fußball@example.com", legacy: "fussball@example.com", modern: "fußball@example.com",
            status: .canonicalChanged, reason: "sharp-s-kept", why: "same, with case mapping"),
        .init(
            input: "henriⅣ@example.com", legacy: "henriiv@example.com", modern: nil, status: .newlyInvalid,
            reason: "localpart.disallowed-codepoint/has-compat", why: "NFKC mapped Ⅳ; HasCompat is ID_DIS"),
        .init(
            input: "♚@example.com", legacy: "♚@example.com", modern: nil, status: .newlyInvalid,
            reason: "localpart.disallowed-codepoint/symbols", why: "Nodeprep allows symbols; IdentifierClass not"),
        .init(
            input: "ＪＵＬＩＥＴ@example.com", legacy: "juliet@example.com", modern: "juliet@example.com",
            status: .unchanged, reason: nil, why: "NFKC + case fold vs width map + lower case"),
        .init(
            input: "ΣΣ@example.com", legacy: "σσ@example.com", modern: "σς@example.com", status: .canonicalChanged,
            reason: "final-sigma-kept", why: "case folding gives σσ; toLowerCase applies Final_Sigma"),
        .init(
            input: "ς@example.com", legacy: "σ@example.com", modern: "ς@example.com", status: .canonicalChanged,
            reason: "final-sigma-kept", why: "case folding maps ς to σ; PRECIS keeps ς"),
        .init(
            input: "Σ@example.com", legacy: "σ@example.com", modern: "σ@example.com", status: .unchanged,
            reason: nil, why: "a lone capital sigma is not final"),
        .init(
            input: "a@example.com/📱", legacy: nil, modern: "a@example.com/📱", status: .newlyValid,
            reason: "rfc6122:resourcepart.unassigned-codepoint", why: "U+1F4F1 was unassigned in Unicode 3.2"),
        .init(
            input: "a@example.com/x\u{061C}y", legacy: nil, modern: nil, status: .invalidBoth,
            reason: "resourcepart.disallowed-codepoint/precis-ignorable-properties",
            why: "U+061C (Unicode 6.3) is unassigned in 3.2 and Default_Ignorable in 15.0"),
        .init(
            input: "a@example.com.", legacy: "a@example.com", modern: "a@example.com", status: .unchanged,
            reason: nil, why: "both strip one trailing dot"),
        .init(
            input: "a@example.com。", legacy: "a@example.com", modern: "a@example.com", status: .unchanged,
            reason: nil, why: "ideographic full stop is a label separator in both"),
        .init(
            input: "a@faß.de", legacy: "a@fass.de", modern: "a@faß.de", status: .canonicalChanged,
            reason: "sharp-s-kept", why: "IDNA2003 Nameprep maps ß; IDNA2008 keeps it (deviation character)"),
        .init(
            input: "a@ex☃.com", legacy: "a@ex☃.com", modern: nil, status: .newlyInvalid,
            reason: "domainpart.disallowed-codepoint/idna2008-disallowed", why: "IDNA2003 allowed symbols"),
        .init(
            input: "a@a\u{200D}b.com", legacy: "a@ab.com", modern: nil, status: .newlyInvalid,
            reason: "domainpart.context-rule", why: "Nameprep maps ZWJ to nothing; IDNA2008 CONTEXTJ fails"),
        .init(
            input: "a@ab--cd.com", legacy: "a@ab--cd.com", modern: nil, status: .newlyInvalid,
            reason: "domainpart.reserved-label", why: "IDNA2003 has no rule on hyphens 3–4"),
        .init(
            input: "a@1.2.3", legacy: "a@1.2.3", modern: nil, status: .newlyInvalid,
            reason: "domainpart.numeric-tld", why: "LDH for IDNA2003; numeric TLD refused here"),
        .init(
            input: "x y@example.com", legacy: nil, modern: nil, status: .invalidBoth,
            reason: "localpart.disallowed-codepoint/spaces", why: "space prohibited by both"),
        .init(
            input: "a@example.com/Ⅸ", legacy: "a@example.com/IX", modern: "a@example.com/Ⅸ",
            status: .canonicalChanged, reason: "compatibility-character-kept", why: "Resourceprep applies NFKC"),
        .init(
            input: "a@example.com/\u{FB01}le", legacy: "a@example.com/file", modern: "a@example.com/\u{FB01}le",
            status: .canonicalChanged, reason: "compatibility-character-kept", why: "ligature kept by OpaqueString"),
        .init(
            input: "ẞ@example.com", legacy: nil, modern: "ß@example.com", status: .newlyValid,
            reason: "rfc6122:localpart.unassigned-codepoint", why: "U+1E9E is Unicode 5.1"),
        .init(
            input: "ǅ@example.com", legacy: "d\u{17E}@example.com", modern: nil, status: .newlyInvalid,
            reason: "localpart.disallowed-codepoint/has-compat",
            why: "Nodeprep folds ǅ to ǆ, then NFKC gives dž; PRECIS lower-cases to ǆ, which is HasCompat"),
        .init(
            input: "ᏚᎢᎵᎬᎢᎬᏒ@example.com", legacy: "ᏚᎢᎵᎬᎢᎬᏒ@example.com", modern: "ꮪꭲꮅꭼꭲꭼꮢ@example.com",
            status: .canonicalChanged, reason: "mapping-differs", why: "Unicode 3.2 had no Cherokee small letters"),
        .init(
            input: "ꮪꭲꮅꭼꭲꭼꮢ@example.com", legacy: nil, modern: "ꮪꭲꮅꭼꭲꭼꮢ@example.com", status: .newlyValid,
            reason: "rfc6122:localpart.unassigned-codepoint", why: "U+AB70… are Unicode 8.0"),
        .init(
            input: "a\u{AD}b@example.com", legacy: "ab@example.com", modern: nil, status: .newlyInvalid,
            reason: "localpart.disallowed-codepoint/precis-ignorable-properties",
            why: "Nodeprep B.1 maps SOFT HYPHEN to nothing; PRECIS disallows it"),
        .init(
            input: "a@example.com/\u{A0}x", legacy: "a@example.com/ x", modern: "a@example.com/ x",
            status: .unchanged, reason: nil,
            why: "stringprep normalizes before it prohibits (RFC 3454 §3): NFKC turns NBSP into U+0020 before "
                + "C.1.2 is checked; OpaqueString maps it to U+0020"),
        .init(
            input: "a@example.com/\u{2028}", legacy: nil, modern: nil, status: .invalidBoth,
            reason: "resourcepart.disallowed-codepoint/other", why: "LINE SEPARATOR: C.2.2 and PRECIS 'other'"),
        .init(
            input: "a@example.com/ foo", legacy: "a@example.com/ foo", modern: "a@example.com/ foo",
            status: .unchanged, reason: nil, why: "ASCII space allowed in both resourceparts"),
        .init(
            input: "\u{2126}@example.com", legacy: "ω@example.com", modern: "ω@example.com", status: .unchanged,
            reason: nil, why: "OHM SIGN: NFKC + fold vs lower-case + NFC, both ω"),
        .init(
            input: "a@EXAMPLE.COM", legacy: "a@example.com", modern: "a@example.com", status: .unchanged,
            reason: nil, why: "case"),
        .init(
            input: "a@xn--bcher-kva.de", legacy: "a@bücher.de", modern: "a@bücher.de", status: .unchanged,
            reason: nil, why: "A-label decoded by both"),
        .init(
            input: "a@ex_ample.com", legacy: nil, modern: nil, status: .invalidBoth,
            reason: "domainpart.non-ldh-character", why: "STD3 rules and LDH"),
        .init(input: "a@[::1]", legacy: "a@[::1]", modern: "a@[::1]", status: .unchanged, reason: nil, why: "IPv6"),
        .init(
            input: "user@@example.com", legacy: nil, modern: nil, status: .invalidBoth,
            reason: "domainpart.non-ldh-character", why: "a second @"),
        .init(input: "", legacy: nil, modern: nil, status: .invalidBoth, reason: "jid.empty", why: "empty line"),
    ]

    @Test func thereAreAtLeastThirtyHandCheckedCases() { #expect(Self.cases.count >= 30) }

    @Test(arguments: cases)
    func handCheckedDiff(_ expected: MigrationCase) {
        let record = MigrationChecker(mode: .stored).check(line: 1, expected.input)
        #expect(record.legacy.jid?.description == expected.legacy, "\(record.legacy.errors.map(\.code))")
        #expect(record.modern.jid?.description == expected.modern, "\(record.modern.errors.map(\.code))")
        #expect(record.status == expected.status)
        #expect(record.reasons.first?.code == expected.reason, "\(record.reasons.map(\.code))")
    }

    @Test func invalidUTF8IsInvalidBothAndKeepsItsLine() {
        let record = MigrationChecker().check(line: 7, utf8: [0xFF, 0x40, 0x78])
        #expect(record.status == .invalidBoth)
        #expect(record.line == 7)
        #expect(record.reasons.map(\.code) == ["jid.invalid-utf8", "rfc6122:jid.invalid-utf8"])
    }

    @Test func queryModeAcceptsWhatStoredModeRejects() {
        #expect(MigrationChecker(mode: .query).check(line: 1, "a@example.com/📱").status == .unchanged)
    }

    /// A corpus with known collisions gives exactly the expected groups.
    @Test func collisionCorpusGivesExactlyTheExpectedGroups() {
        let lines = [
            "Fußball@example.com", "fussball@example.com", "FUSSBALL@example.com",  // split: fussball → fußball
            "juliet@example.com", "Juliet@example.com/balcony",  // one account, no collision
            "ẞ@example.com", "ß@example.com",  // merge: invalid + ss → ß
            "ᏚᎢᎵᎬᎢᎬᏒ@example.com", "ꮪꭲꮅꭼꭲꭼꮢ@example.com",  // merge: upper valid, lower invalid, both → lower
            "a@faß.de", "a@fass.de",  // split in the domain
            "henriⅣ@example.com", "henriiv@example.com",  // henriⅣ becomes invalid: no collision
            "romeo@example.com/📱",  // invalid resource only: the bare account is valid under both
            "romeo@example.com",
        ]
        let groups = Self.groups(lines, full: false)
        #expect(
            groups == [
                .init(kind: .split, key: "fussball@example.com", lines: [1, 2, 3], inputs: Array(lines[0..<3])),
                .init(kind: .merge, key: "ß@example.com", lines: [6, 7], inputs: Array(lines[5..<7])),
                .init(kind: .merge, key: "ꮪꭲꮅꭼꭲꭼꮢ@example.com", lines: [8, 9], inputs: Array(lines[7..<9])),
                .init(kind: .split, key: "a@fass.de", lines: [10, 11], inputs: Array(lines[9..<11])),
            ])
        // With full JIDs, "Juliet@example.com/balcony" is its own account, and the list is otherwise the same.
        #expect(Self.groups(lines, full: true) == groups)
    }

    static func groups(_ lines: [String], full: Bool) -> [CollisionGroup] {
        let checker = MigrationChecker()
        var index = CollisionIndex()
        var entries: [Int: (input: String, legacy: String?, modern: String?)] = [:]
        for (offset, line) in lines.enumerated() {
            let record = checker.check(line: offset + 1, line)
            let keys = record.keys(full: full)
            index.add(
                line: offset + 1, legacyHash: CollisionIndex.hash(keys.legacy),
                modernHash: CollisionIndex.hash(keys.modern))
            entries[offset + 1] = (line, keys.legacy, keys.modern)
        }
        return CollisionIndex.groups(candidates: index.candidates(), entries: entries)
    }
}

@Suite struct CollisionIndexTests {
    @Test func radixSortAgreesWithTheStandardSort() {
        var state: UInt64 = 42
        var values: [UInt64] = (0..<100_000).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        values += [0, .max, 1, 1, 0]
        var sorted = values
        CollisionIndex.radixSort(&sorted)
        #expect(sorted == values.sorted())
    }
}
