import Testing

@testable import JIDCore

/// Inputs the fuzz targets (Fuzz/) found, each fixed after its test was written.
@Suite struct FuzzRegressionTests {
    /// FuzzURI: a NUL inside an internationalized label reached libidn2 as the end of a C string, so
    /// `google·c\0\0om.com` was accepted as `xn--googlec-0ma.com`.
    @Test func controlCharactersInAnInternationalizedLabelAreRefused() {
        let result = JID.parse(utf8: Array("google·c".utf8) + [0, 0] + Array("om.com".utf8))
        #expect(!result.isValid)
        #expect(result.errors.first?.code.rawValue == "domainpart.non-ldh-character")
        #expect(result.errors.first?.codePoint?.value == 0)
        #expect(result.errors.first?.offset == 8)
        #expect(!JID.parse("bücher\u{7F}.de").isValid)
        #expect(!JID.parse("bücher_x.de").isValid)
    }

    /// The same input: libidn2's lookup does not apply the CONTEXTO rules (RFC 5891 §5.4 leaves them to the
    /// registry), so MIDDLE DOT outside `l·l` was accepted. RFC 5892 Appendix A.3 applies to addresses.
    @Test func contextORulesApplyToDomainLabels() {
        let refused = JID.parse("google·c.com")
        #expect(refused.errors.first?.code.rawValue == "domainpart.context-rule")
        #expect(refused.errors.first?.offset == 6)
        #expect(JID.parse("col·legi.cat").jid?.domainpart == "col·legi.cat")
        #expect(!JID.parse("a͵b.example").isValid)  // U+0375 must precede Greek
        #expect(JID.parse("α͵β.example").isValid)
    }

    /// FuzzJID: `xn--58db0a9q.com` decodes to Cherokee capitals, which are PVALID in IDNA2008 (their case
    /// folding is to the capitals); the RFC 5895 mapping lower-cased them into small letters, which are not,
    /// so the canonical form did not parse again. PVALID characters are no longer mapped.
    @Test func cherokeeCapitalsSurviveTheDomainMapping() {
        let fromALabel = JID.parse("xn--58db0a9q.com")
        #expect(fromALabel.jid?.domainpart == "ᏟᎪᎡᎠ.com")
        let again = JID.parse("ᏟᎪᎡᎠ.com")
        #expect(again.jid == fromALabel.jid)
        #expect(again.jid?.domainAscii == "xn--58db0a9q.com")
    }

    /// FuzzLegacy: under RFC 6122, `xn--r6j012gn7f` decodes (IDNA2003 ToUnicode) to `中国。`, whose U+3002 is a
    /// label separator, so the canonical form `中国。.cn` did not parse again. A label that decodes to text
    /// with a full stop stays in ACE form.
    @Test func legacyALabelDecodingToAFullStopStaysEncoded() {
        let parser = LegacyJIDParser(mode: .stored)
        let result = parser.parse("xn--r6j012gn7f.cn")
        #expect(result.jid?.domainpart == "xn--r6j012gn7f.cn")
        #expect(parser.parse(result.jid?.description ?? "").jid == result.jid)
        #expect(parser.parse("xn--fiqs8s.cn").jid?.domainpart == "中国.cn")
    }
}
