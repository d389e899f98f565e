import Foundation
import Hummingbird
import HummingbirdTesting
import JIDCore
import NIOCore
import Testing

@testable import JIDServer

@Suite struct RouteTests {
    @Test func parsePostGivesTheJIDResult() async throws {
        try await makeApplication().test(.router) { client in
            let (headers, body) = json(#"{"jid":"Juliet@Example.COM/Balcony"}"#)
            try await client.execute(uri: "/v1/jid/parse", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(response.object["jid"] as? String == "juliet@example.com/Balcony")
                #expect(response.object["domainAscii"] as? String == "example.com")
                #expect(response.headers[.requestID]?.count == 32)
            }
        }
    }

    @Test func anInvalidJIDIsA200WithValidFalse() async throws {
        try await makeApplication().test(.router) { client in
            try await client.execute(uri: "/v1/jid/parse?jid=henri%E2%85%A3%40example.com", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.object["valid"] as? Bool == false)
                let error = (response.object["errors"] as? [[String: Any]])?.first
                #expect(error?["code"] as? String == "localpart.disallowed-codepoint")
                #expect(error?["codePoint"] as? String == "U+2163")
                #expect(response.object["suggestion"] as? String == "henriiv@example.com")
            }
        }
    }

    /// Each client mistake and the problem type it must produce.
    static let mistakes: [(String, String?, String, Int, String)] = [
        ("/v1/jid/parse", "text/plain", #"{"jid":"a@b.c"}"#, 415, "unsupported-media-type"),
        ("/v1/jid/parse", nil, #"{"jid":"a@b.c"}"#, 415, "unsupported-media-type"),
        ("/v1/jid/parse", "application/json; charset=latin1", #"{"jid":"a@b.c"}"#, 415, "unsupported-media-type"),
        ("/v1/jid/parse", "application/json", #"{"jid":"a@b.c""#, 400, "malformed-json"),
        ("/v1/jid/parse", "application/json", #"{}"#, 400, "missing-field"),
        ("/v1/jid/parse", "application/json", #"{"jid":5}"#, 400, "wrong-type"),
        ("/v1/jid/parse", "application/json", #"{"jid":true}"#, 400, "wrong-type"),
        ("/v1/jid/parse", "application/json", #"["a@b.c"]"#, 400, "wrong-type"),
        ("/v1/jid/parse", "application/json", #"{"jid":"\ud800"}"#, 400, "invalid-utf8"),
        ("/v1/jid/parse", "application/json", #"{"jid":"\udc00\ud800"}"#, 400, "invalid-utf8"),
        ("/v1/jid/parse", "application/json", String(repeating: "[", count: 10_000), 400, "malformed-json"),
        ("/v1/jid/compare", "application/json", #"{"a":"a@b.c"}"#, 400, "missing-field"),
        ("/v1/jid/escape", "application/json", #"{"jid":"a","localpart":"b"}"#, 400, "missing-field"),
        ("/v1/jid/uri", "application/json", #"{}"#, 400, "missing-field"),
        ("/v1/migration/check", "application/json", #"{"jid":"a@b.c","mode":"x"}"#, 400, "invalid-parameter"),
        ("/v1/migration/check", "application/json", #"{"jids":[1]}"#, 400, "wrong-type"),
        ("/v1/migration/check", "application/json", #"{"jid":"a@b.c","full":1}"#, 400, "wrong-type"),
        ("/v1/batch", "application/json", #""a@b.c""#, 415, "unsupported-media-type"),
        ("/v1/confusables/score", "application/json", #"{}"#, 400, "missing-field"),
        ("/v1/confusables/score", "application/json", #"{"jid":"a@b.c","includeResource":"yes"}"#, 400, "wrong-type"),
        ("/v1/confusables/check", "application/json", #"{"jid":"\ud800"}"#, 400, "invalid-utf8"),
        ("/v1/confusables/compare", "application/json", #"{"a":"a@b.c"}"#, 400, "missing-field"),
    ]

    @Test(arguments: mistakes)
    func clientMistakesAreProblemDetails(_ mistake: (String, String?, String, Int, String)) async throws {
        try await makeApplication().test(.router) { client in
            var headers = HTTPFields()
            if let type = mistake.1 { headers[.contentType] = type }
            try await client.execute(
                uri: mistake.0, method: .post, headers: headers, body: ByteBuffer(string: mistake.2)
            ) {
                response in
                #expect(response.status.code == mistake.3)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.object["type"] as? String == "/problems/" + mistake.4)
                #expect(response.object["status"] as? Int == mistake.3)
                #expect((response.object["detail"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test func invalidUTF8InTheBodyOrQueryIsA400() async throws {
        try await makeApplication().test(.router) { client in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            var body = ByteBuffer(string: #"{"jid":""#)
            body.writeBytes([0xFF, 0xFE])
            body.writeString(#""}"#)
            try await client.execute(uri: "/v1/jid/parse", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .badRequest)
                #expect(response.object["type"] as? String == "/problems/invalid-utf8")
            }
            try await client.execute(uri: "/v1/jid/parse?jid=%FF", method: .get) { response in
                #expect(response.object["type"] as? String == "/problems/invalid-utf8")
            }
            try await client.execute(uri: "/v1/jid/parse", method: .get) { response in
                #expect(response.object["type"] as? String == "/problems/missing-field")
            }
        }
    }

    @Test func bodyOverTheLimitIs413() async throws {
        try await makeApplication { $0.bodyLimit = 1024 }.test(.router) { client in
            let (headers, _) = json("")
            let body = ByteBuffer(string: #"{"jid":""# + String(repeating: "a", count: 2000) + #""}"#)
            try await client.execute(uri: "/v1/jid/parse", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.object["type"] as? String == "/problems/body-too-large")
            }
        }
    }

    @Test func unknownPathIs404AndWrongMethodIs405WithAllow() async throws {
        try await makeApplication().test(.router) { client in
            try await client.execute(uri: "/v2/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.object["type"] as? String == "/problems/not-found")
            }
            try await client.execute(uri: "/v1/jid/compare", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
                #expect(response.object["type"] as? String == "/problems/method-not-allowed")
            }
        }
    }

    @Test func compareEscapeUnescapeAndURI() async throws {
        try await makeApplication().test(.router) { client in
            let (headers, _) = json("")
            try await client.execute(
                uri: "/v1/jid/compare", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"a":"Juliet@example.com/Home","b":"juliet@EXAMPLE.com/home"}"#)
            ) { response in
                #expect(response.object["equal"] as? Bool == false)
                #expect(response.object["bareEqual"] as? Bool == true)
            }
            try await client.execute(
                uri: "/v1/jid/escape", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"jid":"d'artagnan@musketeers.lit"}"#)
            ) { response in
                #expect(response.object["output"] as? String == #"d\27artagnan@musketeers.lit"#)
            }
            try await client.execute(
                uri: "/v1/jid/escape", method: .post, headers: headers, body: ByteBuffer(string: #"{"localpart":" x"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(
                    (response.object["error"] as? [String: Any])?["code"] as? String
                        == "escaping.leading-or-trailing-space")
            }
            try await client.execute(
                uri: "/v1/jid/unescape", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"jid":"c\\3a\\5c5commas@example.com"}"#)
            ) { response in
                #expect(response.object["output"] as? String == #"c:\5commas@example.com"#)
            }
            try await client.execute(
                uri: "/v1/jid/uri", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"jid":"jiři@čechy.example/v Praze"}"#)
            ) { response in
                #expect(response.object["uri"] as? String == "xmpp:ji%C5%99i@%C4%8Dechy.example/v%20Praze")
                #expect(response.object["asciiUri"] as? String == "xmpp:ji%C5%99i@xn--echy-fua.example/v%20Praze")
            }
            try await client.execute(
                uri: "/v1/jid/uri", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"uri":"xmpp:a%40b@example.com?message"}"#)
            ) { response in
                #expect((response.object["jid"] as? [String: Any])?["valid"] as? Bool == false)
                #expect(response.object["query"] as? String == "message")
                #expect(response.object["action"] as? String == "message")
            }
            try await client.execute(
                uri: "/v1/jid/uri", method: .post, headers: headers,
                body: ByteBuffer(
                    string:
                        #"{"jid":"romeo@montague.net","action":"message","parameters":{"subject":"Hi there"},"fragment":"f"}"#
                )
            ) { response in
                #expect(response.object["uri"] as? String == "xmpp:romeo@montague.net?message;subject=Hi%20there#f")
            }
            try await client.execute(
                uri: "/v1/jid/uri", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"uri":"xmpp://guest@example.com"}"#)
            ) { response in
                #expect(response.object["jid"] is NSNull)
                #expect((response.object["authority"] as? [String: Any])?["valid"] as? Bool == true)
                #expect(response.object["error"] is NSNull)
            }
            try await client.execute(
                uri: "/v1/jid/unescape", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"jid":"\\20a@example.com"}"#)
            ) { response in
                #expect(response.object["output"] as? String == " a@example.com")
                #expect(response.object["error"] is NSNull)
                #expect(
                    (response.object["warning"] as? [String: Any])?["code"] as? String
                        == "escaping.leading-or-trailing-space")
            }
        }
    }

    @Test func migrationCheckOneAndMany() async throws {
        try await makeApplication().test(.router) { client in
            let (headers, _) = json("")
            try await client.execute(
                uri: "/v1/migration/check", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"jid":"Fußball@example.com"}"#)
            ) { response in
                #expect(response.object["status"] as? String == "canonical-changed")
                #expect((response.object["rfc6122"] as? [String: Any])?["jid"] as? String == "fussball@example.com")
            }
            try await client.execute(
                uri: "/v1/migration/check", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"jids":["Fußball@example.com","fussball@example.com","x@y.z"]}"#)
            ) { response in
                #expect((response.object["records"] as? [Any])?.count == 3)
                let group = (response.object["collisions"] as? [[String: Any]])?.first
                #expect(group?["kind"] as? String == "split")
                #expect(group?["lines"] as? [Int] == [1, 2])
            }
        }
    }

    /// A batch of many chunks, enforced on several workers, comes back in input order, with blank lines
    /// counted and a line too long at the end answered after every line before it.
    @Test(arguments: [1, 2, 4])
    func batchChunksOnSeveralWorkersStayInOrder(workers: Int) async throws {
        try await makeApplication({
            $0.batchWorkers = workers; $0.batchLineLimit = 100
        }).test(.router) { client in
            var headers = HTTPFields()
            headers[.contentType] = "application/x-ndjson"
            var body = ""
            for index in 1...10_000 { body += index % 97 == 0 ? "\n" : "\"user\(index)@example.com\"\n" }
            body += "\"" + String(repeating: "x", count: 200) + "\"\n\"never@read.c\"\n"
            try await client.execute(uri: "/v1/batch", method: .post, headers: headers, body: ByteBuffer(string: body))
            {
                response in
                let lines = response.text.split(separator: "\n").map {
                    try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
                }
                let numbers = lines.compactMap { $0["line"] as? Int }
                #expect(numbers == Array((1...10_000).filter { $0 % 97 != 0 }))
                let users = lines.compactMap { ($0["result"] as? [String: Any])?["jid"] as? String }
                #expect(users == numbers.map { "user\($0)@example.com" })
                #expect((lines.last?["error"] as? [String: Any])?["type"] as? String == "/problems/line-too-long")
            }
        }
    }

    @Test func batchStreamsOneLinePerInputInOrder() async throws {
        try await makeApplication().test(.router) { client in
            var headers = HTTPFields()
            headers[.contentType] = "application/x-ndjson"
            let body = "\"a@b.c\"\n{\"jid\":\"x y@z.c\"}\n\nnot json\n{\"jid\":1}\r\n\"last@line.c\""
            try await client.execute(uri: "/v1/batch", method: .post, headers: headers, body: ByteBuffer(string: body))
            {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/x-ndjson")
                let lines = response.text.split(separator: "\n").map {
                    try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
                }
                #expect(lines.map { $0["line"] as? Int } == [1, 2, 4, 5, 6])
                #expect((lines[0]["result"] as? [String: Any])?["valid"] as? Bool == true)
                #expect((lines[1]["result"] as? [String: Any])?["valid"] as? Bool == false)
                #expect((lines[2]["error"] as? [String: Any])?["type"] as? String == "/problems/malformed-json")
                #expect((lines[3]["error"] as? [String: Any])?["type"] as? String == "/problems/wrong-type")
                #expect((lines[4]["result"] as? [String: Any])?["jid"] as? String == "last@line.c")
            }
        }
    }

    /// A chunk's answer is written into the response's buffer, sized from its lines; short lines with long errors
    /// outgrow it and must come back whole and in order all the same.
    @Test func batchAnswersLongerThanTheirBufferComeBackWhole() async throws {
        try await makeApplication().test(.router) { client in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain"
            let inputs = ["@", "a b@c", "x@y.example"]
            let body = (0..<3_000).map { inputs[$0 % 3] + "\n" }.joined()
            try await client.execute(uri: "/v1/batch", method: .post, headers: headers, body: ByteBuffer(string: body))
            {
                response in
                var expected = JSONWriter()
                for index in 0..<3_000 {
                    expected.beginObject()
                    expected.integer("line", index + 1)
                    JID.parse(inputs[index % 3]).write(to: &expected, key: "result")
                    expected.endObject()
                    expected.endRecord()
                }
                #expect(response.text == expected.text)
            }
        }
    }

    /// A batch counts what it parsed in `/metrics` as single requests do: every address parsed, and each invalid
    /// one under the code of its first error, on the plain-string, object and `text/plain` paths alike; a line that
    /// is not an address is not counted.
    @Test func batchCountsItsAddressesInTheMetrics() async throws {
        try await makeApplication().test(.router) { client in
            var headers = HTTPFields()
            headers[.contentType] = "application/x-ndjson"
            let body = [
                #""a@b.c""#, #""x y@z.c""#, #""ü@é.de""#, #"{"jid":"q r@z.c","id":7}"#, #""@z.c""#, "not json",
                #""p q@z.c""#,
            ].joined(separator: "\n")
            try await client.execute(uri: "/v1/batch", method: .post, headers: headers, body: ByteBuffer(string: body))
            { #expect($0.status == .ok) }
            headers[.contentType] = "text/plain"
            try await client.execute(
                uri: "/v1/batch", method: .post, headers: headers, body: ByteBuffer(string: "s t@z.c\nok@z.c\n")
            ) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let lines = response.text.split(separator: "\n").filter { $0.hasPrefix("jid_") }.map(String.init)
                #expect(
                    lines.sorted() == [
                        "jid_invalid_by_code_total{code=\"localpart.disallowed-codepoint\"} 4",
                        "jid_invalid_by_code_total{code=\"localpart.empty\"} 1",
                        "jid_invalid_total 5",
                        "jid_processed_total 8",
                    ])
            }
        }
    }

    /// A batch line that is a plain JSON string skips the JSON parser; that shortcut must mean exactly what the
    /// parser says, for hand-picked edge cases and for random lines of quotes, escapes, controls and bad bytes.
    @Test func batchLineShortcutAgreesWithTheJSONParser() {
        func outcome(_ line: [UInt8], shortcut: Bool) -> String {
            do {
                let value =
                    shortcut
                    ? try line.withUnsafeBufferPointer { try BatchChunk.address($0) }
                    : try BatchChunk.address(Data(line))
                return "value " + value
            } catch let problem as Problem {
                return "problem " + problem.kind.rawValue
            } catch {
                return "error"
            }
        }
        var lines: [[UInt8]] = [
            #""a@b.c""#, #""""#, #""ü@é.de/ä""#, #""a\"b""#, #""\u00fc@x.de""#, #""\ud800@x""#, #""a@b.c" "#,
            #" "a@b.c""#, "\"a\tb\"", #""a"b""#, #"""#, "\"😀@x.y\"", #""\u0000""#, "\"\u{7F}\"",
            #"{"jid":"a@b.c"}"#,
        ].map { Array($0.utf8) }
        lines.append([0x22, 0xFF, 0x40, 0x78, 0x22])
        lines.append([0x22, 0xED, 0xA0, 0x80, 0x22])  // an encoded surrogate
        lines.append([0x22, 0x00, 0x22])
        let alphabet: [UInt8] = [
            0x22, 0x5C, 0x75, 0x30, 0x61, 0x40, 0x2E, 0x09, 0x00, 0x20, 0xC3, 0xBC, 0xFF, 0x80, 0x7F,
        ]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let inner = (0..<Int.random(in: 0...20, using: &random)).map { _ in alphabet.randomElement(using: &random)!
            }
            lines.append([0x22] + inner + [0x22])
        }
        var shortcuts = 0
        for line in lines {
            let fast = outcome(line, shortcut: true)
            #expect(fast == outcome(line, shortcut: false), "line \(line)")
            if line.withUnsafeBufferPointer({ BatchChunk.plainString($0) }) != nil { shortcuts += 1 }
        }
        #expect(shortcuts > 100)  // the shortcut is really taken
    }

    @Test func batchLineOverTheLimitEndsTheStreamWithAProblem() async throws {
        try await makeApplication { $0.batchLineLimit = 100 }.test(.router) { client in
            var headers = HTTPFields()
            headers[.contentType] = "application/x-ndjson"
            let body = "\"a@b.c\"\n\"" + String(repeating: "x", count: 200) + "\"\n\"c@d.e\"\n"
            try await client.execute(uri: "/v1/batch", method: .post, headers: headers, body: ByteBuffer(string: body))
            {
                response in
                let lines = response.text.split(separator: "\n")
                #expect(lines.count == 2)
                #expect(lines[1].contains("/problems/line-too-long"))
            }
        }
    }

    @Test func operationalRoutes() async throws {
        try await makeApplication().test(.router) { client in
            try await client.execute(uri: "/v1/info", method: .get) { response in
                #expect(response.object["unicode"] as? String == "15.0")
                #expect((response.object["limits"] as? [String: Any])?["bodyBytes"] as? Int == 65536)
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/jid/parse?jid=x%20y@z", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.text.contains("jid_processed_total 1"))
                #expect(response.text.contains(#"jid_invalid_by_code_total{code="localpart.disallowed-codepoint"} 1"#))
            }
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.text.hasPrefix("openapi: 3.1"))
                #expect(response.text.contains("/v1/batch:") && response.text.contains("/v1/migration/check:"))
                #expect(response.headers[.contentType] == "application/yaml")
            }
        }
    }

    @Test func requestIDIsEchoedOrReplaced() async throws {
        try await makeApplication().test(.router) { client in
            var headers = HTTPFields()
            headers[.requestID] = "abc-123"
            try await client.execute(uri: "/healthz", method: .get, headers: headers) { response in
                #expect(response.headers[.requestID] == "abc-123")
            }
            headers[.requestID] = String(repeating: "x", count: 200)
            try await client.execute(uri: "/nowhere", method: .get, headers: headers) { response in
                #expect(response.headers[.requestID]?.count == 32)
            }
        }
    }

    @Test func corsIsOffByDefaultAndFollowsTheAllowList() async throws {
        try await makeApplication().test(.router) { client in
            var headers = HTTPFields()
            headers[.origin] = "https://signup.example.com"
            try await client.execute(uri: "/healthz", method: .get, headers: headers) { response in
                #expect(response.headers[.accessControlAllowOrigin] == nil)
            }
        }
        try await makeApplication { $0.corsOrigins = ["https://signup.example.com"] }.test(.router) { client in
            var headers = HTTPFields()
            headers[.origin] = "https://signup.example.com"
            headers[.accessControlRequestMethod] = "POST"
            try await client.execute(uri: "/v1/jid/parse", method: .options, headers: headers) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.accessControlAllowOrigin] == "https://signup.example.com")
                #expect(response.headers[.accessControlAllowMethods]?.contains("POST") == true)
                #expect(response.headers[.accessControlAllowHeaders]?.contains("Content-Type") == true)
            }
            headers[.origin] = "https://evil.example"
            try await client.execute(uri: "/v1/jid/parse", method: .options, headers: headers) { response in
                #expect(response.headers[.accessControlAllowOrigin] == nil)
            }
        }
    }
}
