import Testing

@testable import JIDCore

@Suite struct XMPPURITests {
    /// RFC 5122 §2.7.3 and §2.8.3.
    @Test func czechExampleBothWays() throws {
        let jid = try JID("ji\u{159}i@\u{10D}echy.example/v Praze")
        let forms = XMPPURI.forms(for: jid)
        #expect(forms.iri == "xmpp:ji\u{159}i@\u{10D}echy.example/v%20Praze")
        #expect(forms.uri == "xmpp:ji%C5%99i@%C4%8Dechy.example/v%20Praze")
        #expect(forms.asciiURI == "xmpp:ji%C5%99i@xn--echy-fua.example/v%20Praze")
        let parsed = try XMPPURI.parse("xmpp:ji%C5%99i@%C4%8Dechy.example/v%20Praze")
        #expect(parsed.jid?.jid == jid)
        #expect(try XMPPURI.parse(forms.asciiURI).jid?.jid == jid)
        #expect(try XMPPURI.parse(forms.iri).jid?.jid == jid)
    }

    /// RFC 5122 §2.7.2: the "nasty node" and "repulsive resource".
    @Test func nastyNodeAndRepulsiveResource() throws {
        let nasty = try JID("nasty!#$%()*+,-.;=?[\\]^_`{|}~node@example.com")
        #expect(
            XMPPURI.forms(for: nasty).iri == "xmpp:nasty!%23$%25()*+,-.;=%3F%5B%5C%5D%5E_%60%7B%7C%7D~node@example.com")
        let repulsive = try JID("node@example.com/repulsive !#\"$%&'()*+,-./:;<=>?@[\\]^_`{|}~resource")
        #expect(
            XMPPURI.forms(for: repulsive).iri
                == "xmpp:node@example.com/repulsive%20!%23%22$%25&'()*+,-.%2F:;%3C=%3E%3F%40%5B%5C%5D%5E_%60%7B%7C%7D~resource"
        )
        #expect(try XMPPURI.parse(XMPPURI.forms(for: nasty).uri).jid?.jid == nasty)
        #expect(try XMPPURI.parse(XMPPURI.forms(for: repulsive).uri).jid?.jid == repulsive)
    }

    /// RFC 5122 §2.3: authority, path and query.
    @Test func authorityPathAndQuery() throws {
        let parsed = try XMPPURI.parse("xmpp://guest@example.com/support@example.com?message;subject=Hi#x")
        #expect(parsed.authority?.jid?.description == "guest@example.com")
        #expect(parsed.jid?.jid?.description == "support@example.com")
        #expect(parsed.query == "message;subject=Hi")
        #expect(parsed.fragment == "x")
        let forms = XMPPURI.forms(for: try JID("support@example.com"), authority: try JID("guest@example.com"))
        #expect(forms.uri == "xmpp://guest@example.com/support@example.com")
    }

    /// Found by a peer project's tests: RFC 5122 §2.3 `iauthpath = "//" iauthxmpp [ "/" ipathxmpp ]`, so an
    /// authority without a path is a valid URI: it names the account to use and no target.
    @Test func anAuthorityWithoutAPathIsValid() throws {
        let parsed = try XMPPURI.parse("xmpp://guest@example.com")
        #expect(parsed.jid == nil)
        #expect(parsed.authority?.jid?.description == "guest@example.com")
        #expect(parsed.isValid)
        let withQuery = try XMPPURI.parse("xmpp://guest@example.com?message")
        #expect(withQuery.jid == nil && withQuery.action?.action == "message")
        // A "/" after the authority starts a path, which must then hold an address.
        #expect(try XMPPURI.parse("xmpp://guest@example.com/").jid?.errors.first?.code.rawValue == "domainpart.empty")
        var writer = JSONWriter()
        XMPPURI.writeParse("xmpp://guest@example.com", to: &writer)
        #expect(writer.text.hasPrefix(#"{"input":"xmpp://guest@example.com","jid":null,"authority":{"#))
    }

    /// XEP-0147 §2 examples: the action and its pairs, percent-decoded, and back.
    @Test func queryActionsAndParameters() throws {
        let join = try XMPPURI.parse("xmpp:coven@chat.shakespeare.lit?join;password=cauldronburn")
        #expect(
            join.action == XMPPURI.Query(action: "join", parameters: [.init(key: "password", value: "cauldronburn")]))
        let message = try XMPPURI.parse(
            "xmpp:romeo@montague.net?message;subject=Test%20Message;body=Here%27s%20a%20test%20message")
        #expect(message.action?.action == "message")
        #expect(
            message.action?.parameters == [
                .init(key: "subject", value: "Test Message"), .init(key: "body", value: "Here's a test message"),
            ])
        #expect(try XMPPURI.parse("xmpp:romeo@montague.net?roster").action == XMPPURI.Query(action: "roster"))
        #expect(try XMPPURI.parse("xmpp:romeo@montague.net").action == nil)
        #expect(throws: XMPPURI.Failure.self) { try XMPPURI.parse("xmpp:romeo@montague.net?message;subject") }

        let query = XMPPURI.Query(
            action: "message",
            parameters: [.init(key: "subject", value: "Hi there"), .init(key: "body", value: "a;b=c")])
        let forms = XMPPURI.forms(for: try JID("romeo@montague.net"), query: query, fragment: "part 2")
        #expect(forms.uri == "xmpp:romeo@montague.net?message;subject=Hi%20there;body=a%3Bb%3Dc#part%202")
        let back = try XMPPURI.parse(forms.uri)
        #expect(back.action == query)
        #expect(back.fragment == "part%202")
        #expect(
            XMPPURI.forms(for: try JID("a@b.example"), query: .init(action: "déjà vu")).iri
                == "xmpp:a@b.example?déjà%20vu")
    }

    @Test func percentEncodedDelimitersDoNotSplitParts() throws {
        // %40 in the node is an '@' inside the localpart, which RFC 7622 excludes: invalid, not re-split.
        let parsed = try XMPPURI.parse("xmpp:a%40b@example.com")
        #expect(parsed.jid?.errors.first?.code == .localpartExcludedCharacter)
        #expect(try XMPPURI.parse("xmpp:example.com/a%2Fb").jid?.jid?.resourcepart == "a/b")
    }

    @Test func brokenURIsAreRefusedWithACode() {
        #expect(
            throws: XMPPURI.Failure(code: "uri.not-xmpp", message: "The text does not begin with the 'xmpp:' scheme.")
        ) {
            try XMPPURI.parse("mailto:a@example.com")
        }
        #expect((try? XMPPURI.parse("xmpp:a%4@example.com")) == nil)
        #expect((try? XMPPURI.parse("xmpp:a%FF@example.com")) == nil)
        #expect((try? XMPPURI.parse("xmpp:///x@example.com")) == nil)
    }

    @Test func schemeIsCaseInsensitive() throws {
        #expect(try XMPPURI.parse("XMPP:Juliet@Example.com").jid?.jid?.description == "juliet@example.com")
    }
}
