import Logging
import Testing

@testable import JIDServer

/// `application/x-www-form-urlencoded` fields as query strings and form bodies give them.
@Suite struct FormFieldTests {
    private func field(_ text: String, _ name: String = "jid") throws -> String? {
        try JIDRoutes.formField(text, name).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func findsTheFirstFieldOfThatName() throws {
        #expect(try field("jid=a%40b.c") == "a@b.c")
        #expect(try field("lang=fr&jid=x&jid=y") == "x")
        #expect(try field("jidx=1&xjid=2&jid=3") == "3")
        #expect(try field("&&jid=x&") == "x")
        #expect(try field("jid") == "")
        #expect(try field("jid=") == "")
        #expect(try field("jid=a=b") == "a=b")
        #expect(try field("jid=a+b%2B") == "a b+")
        #expect(try field("jid=h%C3%A9&lang=fr", "lang") == "fr")
        #expect(try field("jid=%e2%85%a3") == "Ⅳ")
        #expect(try field("") == nil)
        #expect(try field("lang=fr") == nil)
        #expect(try field("ji=d&id=x") == nil)
        #expect(try field("jid%3Dx=1") == nil)
    }

    @Test func refusesBrokenEscapesAndBytesThatAreNotUTF8() {
        for text in ["jid=%", "jid=%4", "jid=a%4&b=1", "jid=%-0", "jid=%+1", "jid=%zz"] {
            #expect(throws: Problem.self, "\(text)") { try field(text) }
        }
        for text in ["jid=%FF", "jid=%C3", "jid=%C3%28", "jid=%ED%A0%80"] {
            #expect(throws: Problem.self, "\(text)") { try field(text) }
        }
        // A broken escape in another field is not this field's concern.
        #expect((try? field("lang=%&jid=x")) == "x")
    }
}

@Suite struct RequestIDTests {
    /// Generated IDs: 32 lower-case hexadecimal digits, this process's prefix, never the same twice.
    @Test func generatedIDsAreUniqueHexadecimal() {
        var seen = Set<String>()
        let prefix = String(RequestIDMiddleware.generate().prefix(16))
        for _ in 0..<100_000 {
            let id = RequestIDMiddleware.generate()
            #expect(
                id.utf8.count == 32 && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
            #expect(id.hasPrefix(prefix))
            seen.insert(id)
        }
        #expect(seen.count == 100_000)
    }
}

@Suite struct TextLogHandlerTests {
    final class Lines: TextOutputStream, @unchecked Sendable {
        var text = ""
        func write(_ string: String) { text += string }
    }

    /// The same records as swift-log's `StreamLogHandler` given the same metadata (the time stamp aside).
    @Test func writesWhatStreamLogHandlerWrites() {
        let ours = Lines()
        let theirs = Lines()
        var text = Logger(label: "jid-service") { _ in
            TextLogHandler(StreamLogHandler(label: "jid-service", stream: ours, metadataProvider: nil), level: .info)
        }
        var stream = Logger(label: "jid-service") { label in
            var handler = StreamLogHandler(label: label, stream: theirs, metadataProvider: nil)
            handler.logLevel = .info
            return handler
        }
        text.info("no metadata")
        stream.info("no metadata")
        text[metadataKey: "request_id"] = "abc"
        stream[metadataKey: "request_id"] = "abc"
        text[metadataKey: "b"] = .stringConvertible(7)
        stream[metadataKey: "b"] = .stringConvertible(7)
        text.info("GET /v1/jid/parse 200", metadata: ["status": "200", "b": "event wins"])
        stream.info("GET /v1/jid/parse 200", metadata: ["status": "200", "b": "event wins"])
        text.debug("below the level")
        stream.debug("below the level")
        text.error("failed", metadata: ["error": "x"])
        stream.error("failed", metadata: ["error": "x"])
        func withoutTime(_ text: String) -> [Substring] {
            text.split(separator: "\n").map { $0.drop { $0 != " " } }
        }
        #expect(withoutTime(ours.text).count == 3)
        #expect(withoutTime(ours.text) == withoutTime(theirs.text))
        #expect(ours.text.contains("b=event wins request_id=abc status=200"))
    }
}
