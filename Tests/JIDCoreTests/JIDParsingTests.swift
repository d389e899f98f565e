import Testing

@testable import JIDCore

/// One invalid input and the error it must produce.
struct InvalidCase: CustomTestStringConvertible, Sendable {
    let input: String
    let code: String
    let offset: Int?
    let codePoint: String?
    var testDescription: String { input.debugDescription }
    init(_ input: String, _ code: String, _ offset: Int? = nil, _ codePoint: String? = nil) {
        self.input = input
        self.code = code
        self.offset = offset
        self.codePoint = codePoint
    }
}

@Suite struct JIDParsingTests {
    static let canonicalForms: [(String, String)] = [
        ("Juliet@Example.COM/Balcony", "juliet@example.com/Balcony"),
        ("a@example.com.", "a@example.com"),
        ("a@example.com。", "a@example.com"),
        ("ＪＵＬＩＥＴ@ｅｘａｍｐｌｅ．ｃｏｍ", "juliet@example.com"),
        ("[::1]", "[::1]"),
        ("a@[0:0::1]", "a@[::1]"),
        ("a@[2001:DB8::1]/r", "a@[2001:db8::1]/r"),
        ("a@192.0.2.1", "a@192.0.2.1"),
        ("xn--nud-fya.example", "nœud.example"),
        ("a@XN--BCHER-KVA.de", "a@bücher.de"),
        ("ᏚᎢᎵᎬᎢᎬᏒ@example.com", "ꮪꭲꮅꭼꭲꭼꮢ@example.com"),  // toLowerCase maps Cherokee to its small letters
        ("ΣΣ@example.com", "σς@example.com"),  // Final_Sigma
        ("Ω@example.com", "ω@example.com"),  // U+2126 OHM SIGN lower-cases to omega
        ("e\u{301}@example.com", "\u{e9}@example.com"),  // NFC
        ("a@example.com/\u{2000}x", "a@example.com/ x"),  // OpaqueString maps non-ASCII spaces
        ("a@example.com/a\u{301}", "a@example.com/\u{e1}"),
    ]

    @Test(arguments: canonicalForms)
    func canonicalForm(_ pair: (String, String)) {
        let result = JID.parse(pair.0)
        #expect(result.jid?.description == pair.1, "\(result.errors.map(\.message))")
    }

    static let invalidCases: [InvalidCase] = [
        InvalidCase("", "jid.empty"),
        InvalidCase("henriⅣ@example.com", "localpart.disallowed-codepoint", 5, "U+2163"),
        InvalidCase("foo bar@example.com", "localpart.disallowed-codepoint", 3, "U+0020"),
        InvalidCase("\"juliet\"@example.com", "localpart.excluded-character", 0, "U+0022"),
        InvalidCase("ju＆liet@example.com", "localpart.excluded-character", 2, "U+FF06"),
        InvalidCase("♚@example.com", "localpart.disallowed-codepoint", 0, "U+265A"),
        InvalidCase("@example.com", "localpart.empty", 0),
        InvalidCase("a@example.com/", "resourcepart.empty", 14),
        InvalidCase("juliet@", "domainpart.empty"),
        InvalidCase("/foobar", "domainpart.empty"),
        InvalidCase("user@@example.com", "domainpart.non-ldh-character", 5, "U+0040"),
        InvalidCase("a@ex_ample.com", "domainpart.non-ldh-character", 4, "U+005F"),
        InvalidCase("a@.example.com", "domainpart.empty-label", 2),
        InvalidCase("a@example..com", "domainpart.empty-label"),
        InvalidCase("a@-example.com", "domainpart.hyphen-start-end", 2),
        InvalidCase("a@ab--cd.com", "domainpart.reserved-label", 4),
        InvalidCase("a@xn--abc.com", "domainpart.invalid-a-label", 2),
        InvalidCase("a@1.2.3", "domainpart.numeric-tld", 6),
        InvalidCase("a@256.1.1.1", "domainpart.invalid-ipv4", 2),
        InvalidCase("a@01.1.1.1", "domainpart.invalid-ipv4", 2),
        InvalidCase("a@[fe80::1%25eth0]", "domainpart.ipv6-zone-id", 10, "U+0025"),
        InvalidCase("a@[::g]", "domainpart.invalid-ipv6", 3),
        InvalidCase("a@[v1.x]", "domainpart.invalid-ip-literal", 3),
        InvalidCase("a@[::1", "domainpart.invalid-ip-literal", 2),
        InvalidCase("a@3com.مثال", "domainpart.bidi-rule", 2),
        InvalidCase("a@a\u{200C}b.com", "domainpart.context-rule", 3, "U+200C"),
        InvalidCase("a@\u{301}a.com", "domainpart.leading-combining-mark", 2, "U+0301"),
        InvalidCase("a@ex♚.com", "domainpart.disallowed-codepoint", 4, "U+265A"),
        InvalidCase("a\u{200D}@example.com", "localpart.context-rule", 1, "U+200D"),
        InvalidCase("·l@example.com", "localpart.context-rule", 0, "U+00B7"),
        InvalidCase("a\u{7}@example.com", "localpart.disallowed-codepoint", 1, "U+0007"),
        InvalidCase("a@example.com/a\u{7}", "resourcepart.disallowed-codepoint", 15, "U+0007"),
        InvalidCase("\u{378}@example.com", "localpart.unassigned-codepoint", 0, "U+0378"),
        InvalidCase("\u{5D0}a@example.com", "localpart.bidi-rule", 1, "U+0061"),
        InvalidCase("\u{5D0}-@example.com", "localpart.bidi-rule", 1, "U+002D"),
        InvalidCase("a@example.com/\u{E000}", "resourcepart.disallowed-codepoint", 14, "U+E000"),
    ]

    @Test(arguments: invalidCases)
    func invalidInput(_ expected: InvalidCase) throws {
        let result = JID.parse(expected.input)
        #expect(!result.isValid)
        let error = try #require(result.errors.first)
        #expect(error.code.rawValue == expected.code, "\(error.message)")
        if let offset = expected.offset { #expect(error.offset == offset) }
        if let codePoint = expected.codePoint { #expect(error.codePoint?.codePointNotation == codePoint) }
        #expect(!error.message.isEmpty)
    }

    @Test func everyPartWithAProblemIsReported() {
        let result = JID.parse("@example.com/")
        #expect(result.errors.map(\.code.rawValue) == ["localpart.empty", "resourcepart.empty"])
        #expect(result.errors.map(\.offset) == [0, 13])
    }

    @Test func compatibilityCharacterGetsItsNFKCFormSuggested() throws {
        let result = JID.parse("henriⅣ@example.com")
        let error = try #require(result.errors.first)
        #expect(error.codePointName == "ROMAN NUMERAL FOUR")
        #expect(error.category == "has-compat")
        #expect(error.suggestion == "henriiv")
        #expect(result.suggestion == "henriiv@example.com")
    }

    @Test func spaceGetsTheXEP0106EscapeSuggested() {
        #expect(JID.parse("foo bar@example.com").suggestion == "foo\\20bar@example.com")
        #expect(JID.parse("d'artagnan@musketeers.lit").suggestion == "d\\27artagnan@musketeers.lit")
    }

    @Test func offsetsCountScalarsOfTheInput() throws {
        // "ü" is one scalar but two octets; the error must be at scalar 3, not octet 4.
        let error = try #require(JID.parse("ü@a♚b.com").errors.first)
        #expect(error.offset == 3)
    }

    @Test func trailingDotIsTheSameAddress() {
        #expect(JID.parse("a@example.com.").jid == JID.parse("a@example.com").jid)
    }

    @Test func aLabelsComeBackAsULabelsAndAreOfferedToo() throws {
        let jid = try #require(JID.parse("juliet@xn--nud-fya.example").jid)
        #expect(jid.domainpart == "nœud.example")
        #expect(jid.domainAscii == "xn--nud-fya.example")
    }

    @Test func comparisonIsByBytesOfTheEnforcedForms() throws {
        let decomposed = try JID("re\u{301}sume\u{301}@example.com")
        let composed = try JID("r\u{e9}sum\u{e9}@EXAMPLE.com")
        #expect(decomposed == composed)
        #expect(Set([decomposed, composed]).count == 1)
        // Resourceparts keep case: these differ, but their bare JIDs are equal.
        let a = try JID("a@example.com/Home")
        let b = try JID("a@example.com/home")
        #expect(a != b)
        #expect(a.bare == b.bare)
        // A missing part differs from an empty one (which cannot be valid anyway) and from another part.
        #expect(try JID("example.com") != JID("example.com/x"))
    }

    @Test func invalidUTF8IsReportedWithItsPosition() throws {
        let result = JID.parse(utf8: Array("ab".utf8) + [0xFF] + Array("@example.com".utf8))
        let error = try #require(result.errors.first)
        #expect(error.code == .invalidUTF8)
        #expect(error.offset == 2)
        // An encoded surrogate (ED A0 80) is ill-formed too.
        #expect(JID.parse(utf8: [0x61, 0xED, 0xA0, 0x80, 0x40, 0x62]).errors.first?.code == .invalidUTF8)
    }

    @Test func partLimitsAre1023OctetsAfterEnforcement() {
        let ok = String(repeating: "a", count: 1023)
        let over = String(repeating: "a", count: 1024)
        #expect(JID.parse(ok + "@example.com/" + ok).isValid)
        #expect(JID.parse(over + "@example.com").errors.first?.code.rawValue == "localpart.too-long")
        #expect(JID.parse("a@example.com/" + over).errors.first?.code.rawValue == "resourcepart.too-long")
        // Fullwidth letters are 3 octets but map to 1: a 1023-letter localpart typed in fullwidth is valid.
        let wide = String(repeating: "ａ", count: 1023)
        #expect(JID.parse(wide + "@example.com").jid?.localpart == ok)
        // Two-octet letters: 512 of them are 1024 octets.
        #expect(
            JID.parse(String(repeating: "é", count: 512) + "@example.com").errors.first?.code.rawValue
                == "localpart.too-long")
    }

    @Test func domainLimits() {
        let label = String(repeating: "a", count: 63)
        #expect(JID.parse(label + ".com").isValid)
        #expect(JID.parse(label + "a.com").errors.first?.code.rawValue == "domainpart.label-too-long")
        // 250 labels of 3 + dots: 999 octets is within the 1023 of RFC 7622 §3.2, but "the length limits of
        // [RFC1034] apply" (same section): 253 octets in text. Invalid, under both RFCs.
        let long = Array(repeating: "abc", count: 250).joined(separator: ".")
        #expect(JID.parse(long).errors.map(\.code.rawValue) == ["domainpart.dns-too-long"])
        #expect(LegacyJIDParser(mode: .stored).parse(long).errors.map(\.code.rawValue) == ["domainpart.dns-too-long"])
        // 63 + 63 + 63 + 61 and three dots: 253 octets, the longest name; one more is too long, in both parsers.
        let label63 = String(repeating: "a", count: 63)
        let longest = [label63, label63, label63, String(repeating: "b", count: 61)].joined(separator: ".")
        #expect(longest.utf8.count == 253)
        #expect(JID.parse("u@" + longest).isValid && LegacyJIDParser(mode: .stored).parse("u@" + longest).isValid)
        #expect(JID.parse("u@" + longest + ".").isValid)
        #expect(JID.parse("u@" + longest + "b").errors.map(\.code.rawValue) == ["domainpart.dns-too-long"])
        #expect(
            LegacyJIDParser(mode: .stored).parse("u@" + longest + "b").errors.map(\.code.rawValue) == [
                "domainpart.dns-too-long"
            ])
        // Counted in A-label form: 50 labels of "é" are 99 octets as text but 50 × "xn--9ca" = 399 as A-labels.
        let accented = Array(repeating: "é", count: 50).joined(separator: ".")
        #expect(JID.parse(accented).errors.map(\.code.rawValue) == ["domainpart.dns-too-long"])
        let tooLong = Array(repeating: "abc", count: 260).joined(separator: ".")
        #expect(JID.parse(tooLong).errors.first?.code.rawValue == "domainpart.too-long")
    }

    @Test func oversizedInputIsRefusedBeforeUnicodeWork() {
        let limit = JIDParser.maximumInputOctets
        #expect(JID.parse(String(repeating: "a", count: limit + 1)).errors.first?.code == .tooLong)
        #expect(
            JID.parse(String(repeating: "a", count: limit)).errors.first?.code.rawValue == "domainpart.label-too-long")
    }
    /// UAX #15 §13: at most 30 non-starters in a row, or normalization takes time quadratic in the run.
    @Test func longRunsOfCombiningMarksAreRefusedAsNotStreamSafe() throws {
        let attack =
            "a" + String(repeating: "\u{301}", count: 1150) + String(repeating: "\u{31B}", count: 1150)
            + String(repeating: "\u{323}", count: 1150) + String(repeating: "\u{327}", count: 1150) + "@x.y"
        let error = try #require(JID.parse(attack).errors.first)
        #expect(error.code == .notStreamSafe)
        #expect(error.part == .localpart)
        #expect(error.offset == 31)
        #expect(error.codePoint == "\u{301}")
        let legacy = try #require(LegacyJIDParser(mode: .stored).parse(attack).errors.first)
        #expect(legacy.code == .notStreamSafe)
    }

    @Test func thirtyCombiningMarksAreAllowedAndThirtyOneAreNot() {
        let thirty = "juliet@example.com/a" + String(repeating: "\u{301}", count: 30)
        #expect(JID.parse(thirty).errors.first?.code != .notStreamSafe)
        let thirtyOne = "juliet@example.com/a" + String(repeating: "\u{301}", count: 31)
        let error = JID.parse(thirtyOne).errors.first
        #expect(error?.code == .notStreamSafe)
        #expect(error?.part == .resourcepart)
        #expect(error?.offset == 20 + 30)  // the 31st mark
        // A starter breaks the run, so many short runs are fine.
        let short = "a" + String(repeating: "b" + String(repeating: "\u{301}", count: 30), count: 20) + "@x.y"
        #expect(JID.parse(short).errors.first?.code != .notStreamSafe)
    }

    /// Non-starters are counted in NFKD: U+0344 COMBINING GREEK DIALYTIKA TONOS is two of them, and a starter whose
    /// decomposition ends in marks (U+01D5 = U + U+0308 + U+0304) starts a run with two.
    @Test func nonStartersAreCountedInTheirDecomposition() {
        let doubled = "a" + String(repeating: "\u{344}", count: 15) + "\u{301}@x.y"
        #expect(JID.parse(doubled).errors.first?.code == .notStreamSafe)
        #expect(JID.parse("a" + String(repeating: "\u{344}", count: 15) + "@x.y").errors.first?.code != .notStreamSafe)
        let trailing = "\u{1D5}" + String(repeating: "\u{301}", count: 29) + "@x.y"
        #expect(JID.parse(trailing).errors.first?.code == .notStreamSafe)
        #expect(
            JID.parse("\u{1D5}" + String(repeating: "\u{301}", count: 28) + "@x.y").errors.first?.code != .notStreamSafe
        )
    }
}
