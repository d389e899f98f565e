import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JIDConfusables
import NIOCore
import Testing

@testable import JIDServer

/// `/v1/signup/check`, `/v1/jid/parse` with parts, `/v1/batch` in plain text and with ids, `/problems/{name}`.
@Suite struct SignupRouteTests {
    static func registry() throws -> ConfusableRegistry {
        let registry = ConfusableRegistry()
        try registry.add("apple")
        return registry
    }

    @Test func theIssuesExamples() async throws {
        try await makeApplication(registry: try Self.registry()).test(.router) { client in
            let (headers, _) = json("")
            // Cyrillic а against a registered "apple": a lookalike, and never which name.
            try await client.execute(
                uri: "/v1/signup/check", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"username":"\#u{430}pple","domain":"chat.example"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentLanguage] == "en")
                #expect(response.object["ok"] as? Bool == false)
                let registry = response.object["registry"] as? [String: Any]
                #expect(registry?["lookalike"] as? Bool == true)
                #expect(registry?["taken"] as? Bool == false)
                #expect(registry?["relation"] as? String == "skeleton")
                #expect(!response.text.contains("\"apple\""))
            }
            try await client.execute(
                uri: "/v1/signup/check", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"username":"Apple","domain":"chat.example"}"#)
            ) { response in
                #expect((response.object["registry"] as? [String: Any])?["taken"] as? Bool == true)
                #expect(response.object["userMessage"] as? String == "This username is already taken.")
            }
            // henriⅣ asked for in French: a French message and a suggestion a person can type.
            try await client.execute(
                uri: "/v1/signup/check", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"username":"henriⅣ","domain":"chat.example","lang":"fr"}"#)
            ) { response in
                #expect(response.headers[.contentLanguage] == "fr")
                #expect(response.object["language"] as? String == "fr")
                #expect(
                    response.object["userMessage"] as? String
                        == "Un nom d’utilisateur ne peut pas contenir « Ⅳ » (ROMAN NUMERAL FOUR), caractère 6.")
                #expect(response.object["suggestion"] as? String == "henriiv")
                let error = (response.object["errors"] as? [[String: Any]])?.first
                #expect(error?["userSuggestion"] as? String == "henriiv")
                // The operators' text stays.
                #expect((error?["message"] as? String)?.contains("compatibility variant") == true)
            }
            try await client.execute(
                uri: "/v1/signup/check", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"username":"juliet","domain":"chat.example"}"#)
            ) { response in
                #expect(response.object["ok"] as? Bool == true)
                #expect(response.object["jid"] as? String == "juliet@chat.example")
            }
        }
    }

    /// The language comes from `lang`, else Accept-Language, else English; each catalog answers.
    @Test func languages() async throws {
        let expected = [
            ("de", "Dieser Benutzername ist bereits vergeben."), ("es", "Este nombre de usuario ya está ocupado."),
            ("ru", "Это имя пользователя уже занято."), ("zh-Hans", "此用户名已被占用。"),
        ]
        try await makeApplication(registry: try Self.registry()).test(.router) { client in
            for (tag, text) in expected {
                var headers = HTTPFields()
                headers[.acceptLanguage] = "pt-BR, \(tag);q=0.8, en;q=0.5"
                try await client.execute(
                    uri: "/v1/signup/check?username=apple&domain=chat.example", method: .get, headers: headers
                ) { response in
                    #expect(response.headers[.contentLanguage] == tag)
                    #expect(response.headers[.vary] == "Accept-Language")
                    #expect(response.object["userMessage"] as? String == text)
                }
            }
            try await client.execute(
                uri: "/v1/signup/check?username=apple&domain=chat.example&lang=xx", method: .get
            ) { response in
                #expect(response.headers[.contentLanguage] == "en")
            }
        }
    }

    @Test func formsQueryStringsAndBadRequests() async throws {
        try await makeApplication(registry: try Self.registry()).test(.router) { client in
            var form = HTTPFields()
            form[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(
                uri: "/v1/signup/check", method: .post, headers: form,
                body: ByteBuffer(string: "username=nick%2Fhome&domain=chat.example.com&lang=de")
            ) { response in
                #expect(response.status == .ok)
                #expect(response.object["suggestion"] as? String == "nickhome")
                let error = (response.object["errors"] as? [[String: Any]])?.first
                #expect(error?["code"] as? String == "localpart.excluded-character")
                #expect(error?["part"] as? String == "localpart")
                #expect(error?["userMessage"] as? String == "Benutzernamen dürfen „/“ nicht enthalten (Zeichen 5).")
            }
            try await client.execute(uri: "/v1/signup/check?username=a+b&domain=x.example", method: .get) { response in
                #expect((response.object["input"] as? [String: Any])?["username"] as? String == "a b")
            }
            try await client.execute(uri: "/v1/signup/check?username=a", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.object["type"] as? String == "/problems/missing-field")
            }
            try await client.execute(
                uri: "/v1/signup/check", method: .post, headers: form, body: ByteBuffer(string: "username=%FF&domain=x")
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.object["type"] as? String == "/problems/invalid-utf8")
            }
            var text = HTTPFields()
            text[.contentType] = "text/plain"
            try await client.execute(
                uri: "/v1/signup/check", method: .post, headers: text, body: ByteBuffer(string: "juliet")
            ) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            let (headers, _) = json("")
            try await client.execute(
                uri: "/v1/signup/check", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"username":1,"domain":"x"}"#)
            ) { response in
                #expect(response.object["type"] as? String == "/problems/wrong-type")
            }
        }
    }

    @Test func rateLimitedPerClient() async throws {
        try await makeApplication(registry: try Self.registry(), { $0.signupRate = 2 }).test(.live) { client in
            for _ in 0..<2 {
                let response = try await client.execute(
                    uri: "/v1/signup/check?username=a&domain=x.example", method: .get)
                #expect(response.status == .ok)
            }
            let limited = try await client.execute(uri: "/v1/signup/check?username=a&domain=x.example", method: .get)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
            #expect(limited.object["type"] as? String == "/problems/too-many-requests")
        }
    }

    @Test func parseTakesParts() async throws {
        try await makeApplication().test(.router) { client in
            let (headers, _) = json("")
            try await client.execute(
                uri: "/v1/jid/parse", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"localpart":"nick/home","domainpart":"chat.example.com"}"#)
            ) { response in
                #expect(response.object["valid"] as? Bool == false)
                let error = (response.object["errors"] as? [[String: Any]])?.first
                #expect(error?["part"] as? String == "localpart")
                #expect(error?["suggestion"] as? String == #"nick\2fhome"#)
            }
            try await client.execute(
                uri: "/v1/jid/parse", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"localpart":"Juliet","domainpart":"Example.com","resourcepart":"a/b@c"}"#)
            ) { response in
                #expect(response.object["jid"] as? String == "juliet@example.com/a/b@c")
            }
            for body in [#"{"jid":"a@b.c","domainpart":"b.c"}"#, #"{"localpart":"a"}"#, "{}"] {
                try await client.execute(
                    uri: "/v1/jid/parse", method: .post, headers: headers, body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .badRequest, "\(body)")
                    #expect(response.object["type"] as? String == "/problems/missing-field", "\(body)")
                }
            }
        }
    }

    @Test func batchTakesPlainTextAndEchoesIDs() async throws {
        try await makeApplication().test(.router) { client in
            var text = HTTPFields()
            text[.contentType] = "text/plain; charset=utf-8"
            try await client.execute(
                uri: "/v1/batch", method: .post, headers: text,
                body: ByteBuffer(string: "Juliet@Example.com\n\n\"quoted\"@example.com\r\nhenriⅣ@example.com")
            ) { response in
                let lines = response.text.split(separator: "\n").map {
                    (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
                }
                #expect(lines.map { $0["line"] as? Int } == [1, 3, 4])
                #expect((lines[0]["result"] as? [String: Any])?["jid"] as? String == "juliet@example.com")
                // A raw line is the address itself, quotes included: not JSON.
                #expect((lines[1]["result"] as? [String: Any])?["valid"] as? Bool == false)
                #expect((lines[2]["result"] as? [String: Any])?["valid"] as? Bool == false)
            }
            var latin1 = HTTPFields()
            latin1[.contentType] = "text/plain; charset=iso-8859-1"
            try await client.execute(
                uri: "/v1/batch", method: .post, headers: latin1, body: ByteBuffer(string: "a@b.c")
            ) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            var ndjson = HTTPFields()
            ndjson[.contentType] = "application/x-ndjson"
            try await client.execute(
                uri: "/v1/batch", method: .post, headers: ndjson,
                body: ByteBuffer(
                    string: #"{"jid":"a@b.c","id":"row-1"}"# + "\n" + #"{"id":42,"jid":"x@y.z"}"# + "\n"
                        + #""plain@example.com""# + "\n" + #"{"jid":"a@b.c","id":1.5}"# + "\n")
            ) { response in
                let lines = response.text.split(separator: "\n").map(String.init)
                #expect(lines[0].hasPrefix(#"{"line":1,"id":"row-1","result":{"#))
                #expect(lines[1].hasPrefix(#"{"line":2,"id":42,"result":{"#))
                #expect(lines[2].hasPrefix(#"{"line":3,"result":{"#))
                #expect(lines[3].hasPrefix(#"{"line":4,"error":{"type":"/problems/wrong-type""#))
            }
        }
    }

    @Test func problemTypesArePages() async throws {
        try await makeApplication().test(.router) { client in
            for kind in Problem.Kind.allCases {
                try await client.execute(uri: kind.type, method: .get) { response in
                    #expect(response.status == .ok, "\(kind)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(response.text.contains("<h1>\(kind.title)</h1>"))
                    #expect(response.text.contains("HTTP status \(kind.status.code)"))
                }
            }
            try await client.execute(uri: "/problems/no-such-thing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }
}
