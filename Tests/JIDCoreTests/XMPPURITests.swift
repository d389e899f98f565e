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
        #expect(parsed.jid.jid == jid)
        #expect(try XMPPURI.parse(forms.asciiURI).jid.jid == jid)
        #expect(try XMPPURI.parse(forms.iri).jid.jid == jid)
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
        #expect(try XMPPURI.parse(XMPPURI.forms(for: nasty).uri).jid.jid == nasty)
        #expect(try XMPPURI.parse(XMPPURI.forms(for: repulsive).uri).jid.jid == repulsive)
    }

    /// RFC 5122 §2.3: authority, path and query.
    @Test func authorityPathAndQuery() throws {
        let parsed = try XMPPURI.parse("xmpp://guest@example.com/support@example.com?message;subject=Hi#x")
        #expect(parsed.authority?.jid?.description == "guest@example.com")
        #expect(parsed.jid.jid?.description == "support@example.com")
        #expect(parsed.query == "message;subject=Hi")
        #expect(parsed.fragment == "x")
        let forms = XMPPURI.forms(for: try JID("support@example.com"), authority: try JID("guest@example.com"))
        #expect(forms.uri == "xmpp://guest@example.com/support@example.com")
    }

    @Test func percentEncodedDelimitersDoNotSplitParts() throws {
        // %40 in the node is an '@' inside the localpart, which RFC 7622 excludes: invalid, not re-split.
        let parsed = try XMPPURI.parse("xmpp:a%40b@example.com")
        #expect(parsed.jid.errors.first?.code == .localpartExcludedCharacter)
        #expect(try XMPPURI.parse("xmpp:example.com/a%2Fb").jid.jid?.resourcepart == "a/b")
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
        #expect(try XMPPURI.parse("XMPP:Juliet@Example.com").jid.jid?.description == "juliet@example.com")
    }
}
