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

    /// FuzzLegacy: `xn--o3a…` decodes (IDNA2003 ToUnicode) to a run of 47 combining Cyrillic marks; the input,
    /// all ASCII, passed the stream-safe limit (UAX #15 §13), its canonical form did not. Under RFC 6122 such a
    /// label now stays in ACE form, as one that decodes to a full stop does (refusing it broke the next invariant:
    /// a label with a code point unassigned in Unicode 3.2 is kept encoded in stored mode and decoded in query
    /// mode). RFC 7622 had the same gap (`a` and 40 marks is a valid U-label); there an A-label must decode to a
    /// U-label the parser accepts, so it is refused.
    @Test func anALabelDecodingToALongRunOfMarksKeepsItsCanonicalFormParseable() throws {
        let prefix = String(repeating: "a", count: 35) + "xn--o3cDDDDDDDDDDcDDDc."
        let found = prefix + "xn--o3" + String(repeating: "a", count: 39) + "DDDaaaaa"
        let unassigned = prefix + "xn--o3aaaaaaaeaaaaaaaaaaaaaaaDDDaaaaa"
        let thirty = "xn--a-3xbaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"  // "a" and 30 × U+0485
        let thirtyOne = "xn--a-3xbaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"  // "a" and 31 × U+0485
        for mode in [StringprepMode.stored, .query] {
            let parser = LegacyJIDParser(mode: mode)
            for input in [found, unassigned, "juliet@" + thirtyOne] {
                let jid = try #require(parser.parse(input).jid, "\(input) \(mode)")
                #expect(jid.domainpart == input.split(separator: "@").last!.lowercased(), "\(input) \(mode)")
                #expect(parser.parse(jid.description).jid == jid, "\(input) \(mode)")
            }
            let decoded = try #require(parser.parse("juliet@" + thirty).jid)
            #expect(decoded.domainpart == "a" + String(repeating: "\u{485}", count: 30))
            #expect(parser.parse(decoded.description).jid == decoded)
        }
        let decoded = try #require(JID.parse("juliet@" + thirty).jid)
        #expect(JID.parse(decoded.description).jid == decoded)
        let error = try #require(JID.parse("juliet@www." + thirtyOne).errors.first)
        #expect(error.code == .domainInvalidALabel)
        #expect(error.part == .domainpart)
        #expect(error.offset == 11)
        #expect(error.message.contains("more than 30 combining marks"))
    }

    /// FuzzLegacy: under RFC 6122 only one trailing dot is stripped; `example.com..` kept the second, and its
    /// canonical form `example.com.` lost it when parsed again. An empty label is an error, as under RFC 7622.
    @Test func legacyEmptyLabelsAreRefused() {
        for mode in [StringprepMode.stored, .query] {
            let parser = LegacyJIDParser(mode: mode)
            for input in ["example.com..", "example..com", ".example.com", "ӏ.。"] {
                let result = parser.parse(input)
                #expect(result.errors.first?.code.rawValue == "domainpart.empty-label", "\(input) \(mode)")
            }
            #expect(parser.parse("example.com.").jid?.domainpart == "example.com")
        }
    }

    /// FuzzJID: an ASCII domain of 254 octets without a trailing dot took the fast path, which gave no
    /// `domainpart.dns-too-long` finding (then a warning, now an error); the general path did.
    @Test func fastPathLeavesOverlongDNSNamesToTheGeneralPath() {
        let label = String(repeating: "a", count: 63)
        for domain in [[label, label, label, String(repeating: "b", count: 62)].joined(separator: "."), "x." + label] {
            let fast = JID.parse(domain)
            let general = ReferenceJIDParser.standard.parse(domain)
            #expect(fast.json == general.json)
        }
        let long = [label, label, label, String(repeating: "b", count: 62)].joined(separator: ".")
        #expect(long.utf8.count == 254)
        #expect(JID.parse(long).errors.map(\.code.rawValue) == ["domainpart.dns-too-long"])
        #expect(JID.parse(String(long.dropLast())).isValid)
        #expect(JID.parse(String(long.dropLast()) + ".").isValid)
    }

    /// FuzzLegacy: IDNA2003 ToASCII leaves all-ASCII labels alone, so `Afu.ß.de` became `Afu.ss.de` while
    /// `Afu.ss.de` itself became `afu.ss.de`. Domains compare without case (RFC 6122 §2.2): ASCII letters are
    /// lower-cased in every label.
    @Test func legacyDomainsAreLowerCasedInEveryLabel() {
        for mode in [StringprepMode.stored, .query] {
            let parser = LegacyJIDParser(mode: mode)
            #expect(parser.parse("Afu.ß.de").jid?.domainpart == "afu.ss.de")
            #expect(parser.parse("Afu.ss.de").jid?.domainpart == "afu.ss.de")
            #expect(parser.parse("EXAMPLE.Bücher.DE").jid?.domainpart == "example.bücher.de")
        }
    }

    /// FuzzLegacy (LeakSanitizer): ICU's uidna_IDNToUnicode leaks a buffer when the ToASCII check of a decoded
    /// label overflows; this A-label decodes to squared katakana words that NFKC-expand far past 63 characters.
    /// ToUnicode is now RFC 3490 §4.2 done in the shim (decode, ToASCII, compare); the label stays encoded. The
    /// input is replayed under AddressSanitizer by every fuzz run (Fuzz/regressions/).
    @Test func legacyALabelThatFailsTheToASCIICheckStaysEncoded() {
        for mode in [StringprepMode.stored, .query] {
            let result = LegacyJIDParser(mode: mode).parse("xn--1rkmcßrR1rkmcßrRrBidSrBidStrinirBiect")
            #expect(result.jid?.domainpart == "xn--1rkmcssrr1rkmcssrrrbidsrbidstrinirbiect", "\(mode)")
        }
        #expect(LegacyJIDParser(mode: .query).parse("xn--bcher-kva.de").jid?.domainpart == "bücher.de")
        #expect(LegacyJIDParser(mode: .stored).parse("XN--BCHER-KVA.de").jid?.domainpart == "bücher.de")
    }
}
