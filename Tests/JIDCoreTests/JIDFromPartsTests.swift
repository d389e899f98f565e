import JIDCore
import Testing

/// `JID.parse(localpart:domainpart:resourcepart:)`: each part enforced as that part, nothing split again.
@Suite struct JIDFromPartsTests {
    @Test func partsMakeTheSameAddressAsTheWholeString() {
        let result = JID.parse(localpart: "Juliet", domainpart: "Example.COM", resourcepart: "Balcony")
        #expect(result.jid?.description == "juliet@example.com/Balcony")
        #expect(result.input == "Juliet@Example.COM/Balcony")
        #expect(JID.parse(localpart: nil, domainpart: "example.com").jid?.description == "example.com")
        #expect(
            JID.parse(localpart: "henriⅣ", domainpart: "example.com").errors.map(\.code.rawValue) == [
                "localpart.disallowed-codepoint"
            ])
    }

    /// The signup form's case: a user name typed with "/" or "@" is an error of the localpart, at the user name's
    /// own offset, with the XEP-0106 escaped form as the suggestion; the domain stays the form's.
    @Test func delimitersInTheLocalpartAreErrorsOfTheLocalpart() throws {
        let slash = JID.parse(localpart: "nick/home", domainpart: "chat.example.com")
        let error = try #require(slash.errors.first)
        #expect(slash.errors.count == 1)
        #expect(error.code == .localpartExcludedCharacter)
        #expect(error.part == .localpart)
        #expect(error.offset == 4)
        #expect(error.codePoint == "/")
        #expect(error.suggestion == "nick\\2fhome")
        #expect(slash.suggestion == "nick\\2fhome@chat.example.com")

        let at = JID.parse(localpart: "juliet@capulet", domainpart: "chat.example.com")
        #expect(at.errors.map(\.code) == [.localpartExcludedCharacter])
        #expect(at.errors.first?.offset == 6)
        #expect(at.errors.first?.suggestion == "juliet\\40capulet")

        // The whole-string parser splits the same text differently: that is what parts are for.
        #expect(JID.parse("nick/home@chat.example.com").jid?.domainpart == "nick")
    }

    @Test func delimitersInTheDomainpartAreErrorsOfTheDomainpart() {
        for domain in ["chat.example.com/x", "a@chat.example.com"] {
            let result = JID.parse(localpart: "nick", domainpart: domain)
            #expect(result.errors.map(\.part) == [.domainpart], "\(domain)")
            #expect(result.errors.first?.code == .domainNonLDHCharacter, "\(domain)")
        }
    }

    /// RFC 7622 §3.4: a resourcepart may hold "@" and "/".
    @Test func delimitersInTheResourcepartAreOrdinaryCharacters() {
        let result = JID.parse(localpart: "nick", domainpart: "example.com", resourcepart: "home/desk@office")
        #expect(result.jid?.resourcepart == "home/desk@office")
    }

    @Test func eachPartsOwnRulesApply() {
        #expect(JID.parse(localpart: "", domainpart: "example.com").errors.map(\.code.rawValue) == ["localpart.empty"])
        #expect(
            JID.parse(localpart: "a", domainpart: "example.com", resourcepart: "").errors.map(\.code.rawValue) == [
                "resourcepart.empty"
            ])
        #expect(JID.parse(localpart: "a", domainpart: "").errors.map(\.code.rawValue) == ["domainpart.empty"])
        #expect(
            JID.parse(localpart: String(repeating: "a", count: 1024), domainpart: "example.com").errors.map(
                \.code.rawValue) == ["localpart.too-long"])
        // Fullwidth letters in a user name map to ASCII (width mapping of UsernameCaseMapped).
        #expect(JID.parse(localpart: "ＪＵＬＩＥＴ", domainpart: "example.com").jid?.localpart == "juliet")
        // Every part's errors are reported, each with its own part.
        let both = JID.parse(localpart: "a b", domainpart: "ex_ample.com", resourcepart: "\u{7}")
        #expect(both.errors.map(\.part) == [.localpart, .domainpart, .resourcepart])
    }

    /// The stream-safe bound holds for parts as for whole addresses: a long run of combining marks is refused
    /// before normalization.
    @Test func aRunOfCombiningMarksIsRefusedBeforeNormalization() {
        let marks = "a" + String(repeating: "\u{301}", count: 3000)
        let result = JID.parse(localpart: marks, domainpart: "example.com")
        #expect(result.errors.map(\.code) == [.notStreamSafe])
        #expect(result.errors.first?.part == .localpart)
        let over = JID.parse(localpart: String(repeating: "a", count: 9300), domainpart: "example.com")
        #expect(over.errors.map(\.code) == [.tooLong])
    }
}
