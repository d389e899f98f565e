import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

@testable import JIDServer

/// The catalogue of hostile and malformed input, each sent on a real socket to a live server, with the documented
/// answer it must get. Another client is served throughout: every case is followed by a health check on its own
/// connection, and a background client polls `/healthz` for the whole run and must never fail.
@Suite(.serialized) struct BadInputCatalogueTests {
    /// One raw request and what must come back: the status code and, for problems, the problem type.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let request: [UInt8]
        let status: Int
        let problem: String?
        /// Text the response body must contain (a result field, an error code).
        let contains: String?
        var testDescription: String { name }

        init(_ name: String, _ request: [UInt8], _ status: Int, problem: String? = nil, contains: String? = nil) {
            self.name = name
            self.request = request
            self.status = status
            self.problem = problem
            self.contains = contains
        }
    }

    static func post(_ path: String, _ body: [UInt8], contentType: String? = "application/json") -> [UInt8] {
        var head = "POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        return Array((head + "\r\n").utf8) + body
    }

    static func post(_ path: String, json: String, contentType: String? = "application/json") -> [UInt8] {
        post(path, Array(json.utf8), contentType: contentType)
    }

    static func get(_ target: String, version: String = "HTTP/1.1") -> [UInt8] {
        Array("GET \(target) \(version)\r\nHost: x\r\n\r\n".utf8)
    }

    static let limit = 4096
    static let localpart = String(repeating: "a", count: 1023)
    /// 16 labels of 63 octets and 15 dots: 1023 octets.
    static let domain = (0..<16).map { _ in String(repeating: "d", count: 63) }.joined(separator: ".")
    static let resource = String(repeating: "r", count: 1023)
    static let dnsDomain =
        [String](repeating: String(repeating: "d", count: 63), count: 3).joined(separator: ".") + "."
        + String(repeating: "e", count: 61)

    static let cases: [Case] = [
        // Invalid UTF-8 and lone surrogates.
        Case(
            "invalid UTF-8 in a JSON string",
            post("/v1/jid/parse", Array(#"{"jid":"a"#.utf8) + [0xC3, 0x28] + Array(#"@b.c"}"#.utf8)),
            400, problem: "invalid-utf8"),
        Case(
            "overlong UTF-8 encoding",
            post("/v1/jid/parse", Array(#"{"jid":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8)), 400,
            problem: "invalid-utf8"),
        Case("invalid UTF-8 in the query string", get("/v1/jid/parse?jid=a%FF%40b.c"), 400, problem: "invalid-utf8"),
        Case(
            "lone high surrogate escape", post("/v1/jid/parse", json: #"{"jid":"\ud800@b.c"}"#), 400,
            problem: "invalid-utf8"),
        Case(
            "lone low surrogate escape", post("/v1/jid/parse", json: #"{"jid":"a\udc00"}"#), 400,
            problem: "invalid-utf8"),
        Case(
            "reversed surrogate pair", post("/v1/jid/parse", json: #"{"jid":"\udc00\ud800"}"#), 400,
            problem: "invalid-utf8"),
        Case(
            "a valid surrogate pair is fine", post("/v1/jid/parse", json: #"{"jid":"\ud83d\ude00@b.c"}"#), 200,
            contains: #""valid":false"#),
        // NUL and control characters.
        Case(
            "escaped NUL in the localpart", post("/v1/jid/parse", json: #"{"jid":"a\u0000b@c.d"}"#), 200,
            contains: "localpart.disallowed-codepoint"),
        Case(
            "escaped NUL in the domain", post("/v1/jid/parse", json: #"{"jid":"b\u0000.c"}"#), 200,
            contains: "domainpart.non-ldh-character"),
        Case(
            "escaped NUL in an internationalized domain", post("/v1/jid/parse", json: #"{"jid":"bü\u0000.c"}"#), 200,
            contains: "domainpart.non-ldh-character"),
        Case(
            "NUL in the query string", get("/v1/jid/parse?jid=a%00%40b.c"), 200,
            contains: "localpart.disallowed-codepoint"),
        Case(
            "raw control character inside a JSON string",
            post("/v1/jid/parse", Array(#"{"jid":"a"#.utf8) + [0x01] + Array(#"@b.c"}"#.utf8)), 400,
            problem: "malformed-json"),
        Case(
            "escaped DEL and C1 controls", post("/v1/jid/parse", json: #"{"jid":"a@b.c/x\u007f\u0085"}"#), 200,
            contains: "resourcepart.disallowed-codepoint"),
        // Lengths: 1,023 octets is the longest localpart and resourcepart, 253 the longest domain (RFC 7622 §3.2:
        // "the length limits of [RFC1034] apply"), so 2,301 octets the longest address.
        Case(
            "a 2,301-octet address",
            post("/v1/jid/parse", json: #"{"jid":"\#(localpart)@\#(dnsDomain)/\#(resource)"}"#), 200,
            contains: #""valid":true"#),
        Case(
            "a 254-octet domainpart",
            post("/v1/jid/parse", json: #"{"jid":"\#(localpart)@\#(dnsDomain)e/\#(resource)"}"#), 200,
            contains: "domainpart.dns-too-long"),
        Case(
            "a 1,024-octet localpart",
            post("/v1/jid/parse", json: #"{"jid":"a\#(localpart)@\#(domain)/\#(resource)"}"#), 200,
            contains: "localpart.too-long"),
        Case(
            "a 1,024-octet domainpart",
            post("/v1/jid/parse", json: #"{"jid":"\#(localpart)@d\#(domain)/\#(resource)"}"#), 200,
            contains: "domainpart"),
        Case(
            "a 1,024-octet resourcepart",
            post("/v1/jid/parse", json: #"{"jid":"\#(localpart)@\#(domain)/r\#(resource)"}"#), 200,
            contains: "resourcepart.too-long"),
        Case(
            "a 9,214-octet input", get("/v1/jid/parse?jid=" + String(repeating: "x", count: 9214)), 200,
            contains: "jid.too-long"),
        // Bodies at and over the limit (4,096 bytes in this suite).
        Case(
            "a body of exactly the limit",
            post(
                "/v1/jid/parse", json: #"{"jid":"a@b.c","pad":""# + String(repeating: " ", count: limit - 24) + #""}"#),
            200, contains: #""valid":true"#),
        Case(
            "a body one byte over the limit",
            post(
                "/v1/jid/parse", json: #"{"jid":"a@b.c","pad":""# + String(repeating: " ", count: limit - 23) + #""}"#),
            413, problem: "body-too-large"),
        Case(
            "a declared length far over the limit",
            Array(
                "POST /v1/jid/parse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n{"
                    .utf8), 413, problem: "body-too-large"),
        // JSON shape.
        Case(
            "arrays nested 100 deep",
            post("/v1/jid/parse", json: String(repeating: "[", count: 100) + String(repeating: "]", count: 100)), 400,
            problem: "wrong-type"),
        Case(
            "arrays nested 1,000 deep (past the parser's depth limit)",
            post("/v1/jid/parse", json: String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)), 400,
            problem: "malformed-json"),
        Case(
            "deeply nested, unclosed", post("/v1/jid/parse", json: String(repeating: "[", count: 4000)), 400,
            problem: "malformed-json"),
        Case(
            "deeply nested objects",
            post(
                "/v1/jid/parse",
                json: String(repeating: #"{"a":"#, count: 500) + "1" + String(repeating: "}", count: 500)), 400,
            problem: "missing-field"),
        Case(
            "duplicate keys", post("/v1/jid/parse", json: #"{"jid":"a@b.c","jid":"x@y.z"}"#), 400,
            problem: "malformed-json"),
        Case(
            "duplicate keys written differently", post("/v1/jid/parse", json: #"{"jid":"a@b.c","j\u0069d":"x@y.z"}"#),
            400, problem: "malformed-json"),
        Case(
            "the same key in a nested object is fine",
            post("/v1/jid/parse", json: #"{"jid":"a@b.c","x":{"jid":1,"y":{"jid":2}}}"#), 200,
            contains: #""valid":true"#),
        Case("a number instead of a string", post("/v1/jid/parse", json: #"{"jid":12}"#), 400, problem: "wrong-type"),
        Case("a number out of range", post("/v1/jid/parse", json: #"{"jid":1e400}"#), 400, problem: "malformed-json"),
        Case("trailing garbage", post("/v1/jid/parse", json: #"{"jid":"a@b.c"} x"#), 400, problem: "malformed-json"),
        Case("an empty body", post("/v1/jid/parse", json: ""), 400, problem: "malformed-json"),
        // Content types.
        Case(
            "text/plain", post("/v1/jid/parse", json: #"{"jid":"a@b.c"}"#, contentType: "text/plain"), 415,
            problem: "unsupported-media-type"),
        Case(
            "no content type", post("/v1/jid/parse", json: #"{"jid":"a@b.c"}"#, contentType: nil), 415,
            problem: "unsupported-media-type"),
        Case(
            "a non-UTF-8 charset",
            post("/v1/jid/parse", json: #"{"jid":"a@b.c"}"#, contentType: "application/json; charset=iso-8859-1"), 415,
            problem: "unsupported-media-type"),
        Case(
            "form encoding",
            post("/v1/jid/parse", json: "jid=a%40b.c", contentType: "application/x-www-form-urlencoded"), 415,
            problem: "unsupported-media-type"),
        Case(
            "upper-case media type with charset=UTF-8",
            post("/v1/jid/parse", json: #"{"jid":"a@b.c"}"#, contentType: "Application/JSON; charset=UTF-8"), 200,
            contains: #""valid":true"#),
        // Framing.
        Case(
            "a chunked body",
            Array(
                "POST /v1/jid/parse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n{\"jid\"\r\n9\r\n:\"a@b.c\"}\r\n0\r\n\r\n"
                    .utf8),
            200, contains: #""jid":"a@b.c""#),
        Case(
            "a chunked body over the limit",
            Array(
                "POST /v1/jid/parse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .utf8)
                + (0..<5).flatMap { _ in
                    Array("400\r\n".utf8) + Array(repeating: UInt8(ascii: " "), count: 1024) + Array("\r\n".utf8)
                } + Array("0\r\n\r\n".utf8),
            413, problem: "body-too-large"),
        Case("HTTP/1.0", get("/v1/jid/parse?jid=a%40b.c", version: "HTTP/1.0"), 200, contains: #""valid":true"#),
        Case(
            "HTTP/1.0 POST",
            Array(
                "POST /v1/jid/parse HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"jid\":\"a@b.c\"}"
                    .utf8),
            200, contains: #""valid":true"#),
        Case(
            "a method the route does not take", Array("DELETE /v1/jid/parse HTTP/1.1\r\nHost: x\r\n\r\n".utf8), 405,
            problem: "method-not-allowed"),
        // What the HTTP parser itself refuses gets its bare 400 and the connection closed (README).
        Case("an unknown method", Array("BREW /v1/jid/parse HTTP/1.1\r\nHost: x\r\n\r\n".utf8), 400),
        Case("a malformed request line", Array("GET\r\n\r\n".utf8), 400),
        Case("a NUL in a header", Array("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\u{0}b\r\n\r\n".utf8), 400),
        Case("a path with traversal", get("/v1/../../etc/passwd"), 404, problem: "not-found"),
        Case(
            "a percent-encoded slash in the query", get("/v1/jid/parse?jid=a%40b.c%2Fr"), 200,
            contains: #""resourcepart":"r""#),
        // Found by attack (hardening): each failed before its fix.
        Case(
            "UTF-16LE body with a duplicate key",
            post(
                "/v1/jid/parse",
                Array(#"{"jid":"a@b.c","jid":"x@y.z"}"#.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            415, problem: "unsupported-media-type"),
        Case(
            "UTF-32BE body",
            post("/v1/jid/parse", Array(#"{"jid":"a@b.c"}"#.unicodeScalars).flatMap { [0, 0, 0, UInt8($0.value)] }),
            415, problem: "unsupported-media-type"),
        Case(
            "a UTF-8 byte order mark", post("/v1/jid/parse", [0xEF, 0xBB, 0xBF] + Array(#"{"jid":"a@b.c"}"#.utf8)),
            415, problem: "unsupported-media-type"),
        Case("a trailing comma", post("/v1/jid/parse", json: #"{"jid":"a@b.c",}"#), 400, problem: "malformed-json"),
        Case(
            "a trailing comma in an array", post("/v1/migration/check", json: #"{"jids":["a@b.c",]}"#), 400,
            problem: "malformed-json"),
        Case("a signed percent escape %-0", get("/v1/jid/parse?jid=a%-0b.c"), 400, problem: "invalid-parameter"),
        Case("a signed percent escape %+1", get("/v1/jid/parse?jid=a%+1b.c"), 400, problem: "invalid-parameter"),
        Case("HTTP/1.1 without Host", Array("GET /healthz HTTP/1.1\r\n\r\n".utf8), 400, problem: "bad-request"),
        Case(
            "two Host fields", Array("GET /v1/info HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n".utf8), 400,
            problem: "bad-request"),
        // NIO frames every response to CONNECT without a body (it cannot tell a refusal from a tunnel), so the
        // refusal is the status line, Allow and the closed connection.
        Case("CONNECT", Array("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n".utf8), 405),
        Case(
            "an expectation other than 100-continue",
            Array("GET /v1/info HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n".utf8), 417,
            problem: "expectation-failed"),
    ]

    /// Sends one raw request on its own connection and returns the status line's code and the body.
    static func exchange(_ port: Int, _ request: [UInt8]) throws -> (status: Int, text: String) {
        exchange(on: try RawConnection(port: port), request)
    }

    /// Sends a request on an open connection and reads its whole response (or until the peer closes).
    static func exchange(on connection: RawConnection, _ request: [UInt8]) -> (status: Int, text: String) {
        connection.send(request)
        let text = connection.receive { text in
            guard let end = text.range(of: "\r\n\r\n") else { return false }
            let head = text[..<end.lowerBound].lowercased()
            if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
            {
                return text.utf8.count - text.utf8.distance(from: text.startIndex, to: end.upperBound) >= length
            }
            return head.contains("transfer-encoding: chunked") ? text.hasSuffix("0\r\n\r\n") : false
        }
        let status = Int(text.split(separator: " ", maxSplits: 2).dropFirst().first ?? "") ?? 0
        return (status, text)
    }

    @Test(arguments: cases)
    func eachBadInputGetsItsDocumentedAnswer(_ item: Case) async throws {
        try await makeApplication { $0.bodyLimit = Self.limit }.test(.live) { client in
            let port = client.port!
            let request = item.request
            let (status, text) = try await offPool { try Self.exchange(port, request) }
            #expect(status == item.status, "\(item.name): \(text.prefix(400))")
            if let problem = item.problem {
                #expect(text.contains("application/problem+json"), "\(item.name)")
                #expect(text.contains("\"type\":\"/problems/\(problem)\""), "\(item.name): \(text.prefix(600))")
            }
            if let expected = item.contains { #expect(text.contains(expected), "\(item.name): \(text.prefix(600))") }
            #expect(!text.hasPrefix("HTTP/1.1 5") && !text.hasPrefix("HTTP/1.0 5"))
            // And the server still serves another client.
            #expect(try await offPool { try Self.exchange(port, Self.get("/healthz")) }.status == 200)
        }
    }

    /// The whole catalogue, sent in a row on separate connections, while another client polls `/healthz`
    /// without a single failure, then pipelined on one connection.
    @Test func othersAreServedDuringAndAfter() async throws {
        try await makeApplication { $0.bodyLimit = Self.limit }.test(.live) { client in
            let port = client.port!
            let failures = Atomic<Int>(0)
            let polls = Atomic<Int>(0)
            let done = Atomic<Bool>(false)
            let poller = Thread {
                while !done.load(ordering: .relaxed) {
                    if (try? Self.exchange(port, Self.get("/healthz")).status) != 200 {
                        failures.add(1, ordering: .relaxed)
                    }
                    polls.add(1, ordering: .relaxed)
                }
            }
            poller.start()
            for item in Self.cases {
                let request = item.request
                let (status, _) = try await offPool { try Self.exchange(port, request) }
                #expect(status == item.status, "\(item.name)")
            }
            // Slowly trickled headers on one connection while the others are answered.
            let slow = try RawConnection(port: port)
            for byte in Array("GET /healthz HTTP/1.1\r\nHost: x\r\n".utf8) {
                slow.send([byte])
                try await Task.sleep(for: .milliseconds(20))
            }
            slow.send("\r\n")
            #expect(try await offPool { slow.receive { $0.contains("\"ok\"") } }.hasPrefix("HTTP/1.1 200"))
            done.store(true, ordering: .relaxed)
            while polls.load(ordering: .relaxed) == 0 { try await Task.sleep(for: .milliseconds(10)) }
            try await Task.sleep(for: .milliseconds(50))
            #expect(failures.load(ordering: .relaxed) == 0)
            #expect(polls.load(ordering: .relaxed) > 0)
            // Pipelined: a good request, a bad one and a good one on one connection are answered in order.
            let pipelined = try RawConnection(port: port)
            pipelined.send(
                Self.get("/v1/jid/parse?jid=a%40b.c") + Self.get("/v1/jid/parse?jid=a%FF") + Self.get("/healthz"))
            let text = try await offPool { pipelined.receive { $0.contains("\"ok\"") } }
            let statuses = text.components(separatedBy: "HTTP/1.1 ").dropFirst().map { $0.prefix(3) }
            #expect(statuses == ["200", "400", "200"])
        }
    }

    /// Headers trickled without end (slowloris) do not hold a connection: until a whole request head has
    /// arrived the connection counts as idle, and the idle timeout closes it; others are served meanwhile.
    @Test func endlesslyTrickledHeadersAreCutOffAtTheIdleTimeout() async throws {
        try await makeApplication { $0.idleTimeout = 1 }.test(.live) { client in
            let port = client.port!
            let slow = try RawConnection(port: port)
            slow.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")
            let started = Date()
            var closed = false
            for index in 0..<60 {
                slow.send("X-Slow-\(index): 1\r\n")
                #expect(try await offPool { try Self.exchange(port, Self.get("/healthz")) }.status == 200)
                try await Task.sleep(for: .milliseconds(100))
                if slow.peerHasClosed() {
                    closed = true
                    break
                }
            }
            #expect(closed)
            #expect(Date().timeIntervalSince(started) < 4)
        }
    }
}
