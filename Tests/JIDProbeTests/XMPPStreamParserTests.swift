import Testing

@testable import JIDProbe

/// The stream parser on what servers send, well-formed and not, fed in pieces as they arrive from the network.
@Suite struct XMPPStreamParserTests {
    static let header =
        "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
        + "id='a1' from='example.org' version='1.0' xml:lang='en'>"
    static let features =
        "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
        + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism>"
        + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>"

    static func feed(_ parser: XMPPStreamParser, _ bytes: [UInt8]) throws -> [XMPPStreamEvent] {
        try bytes.withUnsafeBytes { try parser.feed($0) }
    }

    static func events(_ text: String, pieces: Int = 1) throws -> [XMPPStreamEvent] {
        let parser = XMPPStreamParser()
        let bytes = Array(text.utf8)
        var events: [XMPPStreamEvent] = []
        let size = max(1, (bytes.count + pieces - 1) / pieces)
        for start in stride(from: 0, to: bytes.count, by: size) {
            let piece = Array(bytes[start..<min(bytes.count, start + size)])
            events += try feed(parser, piece)
        }
        return events
    }

    @Test(arguments: [1, 7, 200])
    func headerAndFeaturesComeOutWhateverThePieces(pieces: Int) throws {
        let events = try Self.events(Self.header + Self.features, pieces: pieces)
        #expect(events.count == 2)
        guard case .opened(let attributes) = events.first, case .element(let features) = events.last else {
            Issue.record("unexpected events \(events)")
            return
        }
        #expect(attributes["from"] == "example.org")
        #expect(attributes["id"] == "a1")
        #expect(features.name == "features")
        #expect(features.namespace == XMPPStreamParser.streamsNamespace)
        let starttls = features.child("starttls", namespace: "urn:ietf:params:xml:ns:xmpp-tls")
        #expect(starttls?.child("required") != nil)
        #expect(ProbeChecks.mechanisms(features) == ["SCRAM-SHA-1", "PLAIN"])
    }

    @Test func aStreamErrorAndTheCloseAreEvents() throws {
        let events = try Self.events(
            Self.header + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "</stream:error></stream:stream>")
        #expect(events.count == 3)
        guard case .element(let error) = events[1] else {
            Issue.record("\(events)")
            return
        }
        #expect(error.name == "error")
        #expect(error.children.map(\.name) == ["host-unknown"])
        #expect(events.last == .closed)
    }

    /// RFC 6120 §11.1: no DTD, so no entity can be declared, let alone expanded (billion laughs).
    @Test func aDocumentTypeIsRefusedBeforeAnythingIsExpanded() {
        let laughs =
            "<?xml version='1.0'?><!DOCTYPE stream [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;'>]>"
            + "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>&b;"
        #expect(throws: XMPPStreamParser.Failure.self) { try Self.events(laughs) }
    }

    @Test func somethingElseThanAStreamIsNotXMPP() {
        #expect(
            throws: XMPPStreamParser.Failure(
                description: "did not open an XMPP stream (its first element is <html> in '')")
        ) {
            try Self.events("<html><body>")
        }
        #expect(throws: XMPPStreamParser.Failure.self) { try Self.events("SSH-2.0-OpenSSH_9.2\r\n") }
    }

    @Test func aStreamIsBoundedInBytes() {
        let parser = XMPPStreamParser(maximumBytes: 1000)
        let chatter = Array((Self.header + String(repeating: "<a xmlns='x'>b</a>", count: 100)).utf8)
        #expect(throws: XMPPStreamParser.Failure.self) {
            _ = try Self.feed(parser, chatter)
        }
    }

    @Test func aRestartReadsANewStream() throws {
        let parser = XMPPStreamParser()
        let first = Array((Self.header + Self.features).utf8)
        _ = try Self.feed(parser, first)
        parser.restart()
        let second = Array(Self.header.utf8)
        let events = try Self.feed(parser, second)
        guard case .opened = events.first else {
            Issue.record("\(events)")
            return
        }
    }
}
