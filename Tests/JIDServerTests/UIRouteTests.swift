import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JIDSignup
import NIOCore
import Testing

@testable import JIDServer

/// The web page's routes: the files as written, their headers (a strict CSP, no sniffing, revalidation), the
/// widget loadable from other origins, the page's texts in each language, `--no-ui`, and `lang` on
/// `GET /v1/jid/parse`. The page itself is driven in a browser by `BrowserTests` (JIDToolTests).
@Suite struct UIRouteTests {
    static let files = RouteTableTests.root.appendingPathComponent("Sources/JIDServer/Resources/ui")

    @Test func thePlaygroundIsServedWithAStrictContentSecurityPolicy() async throws {
        try await makeApplication().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(
                    response.headers[.contentSecurityPolicy]
                        == "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[UIRoutes.referrerPolicy] == "no-referrer")
                #expect(response.headers[UIRoutes.frameOptions] == "DENY")
                #expect(response.headers[.cacheControl] == "no-cache")
                #expect(response.headers[.accessControlAllowOrigin] == nil)
                let file = try Data(contentsOf: Self.files.appendingPathComponent("index.html"))
                #expect(Data(response.body.readableBytesView) == file)
            }
            try await client.execute(uri: "/ui/playground.css", method: .get) { response in
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy] == nil)
            }
        }
    }

    /// The CSP forbids inline scripts and styles and anything from elsewhere: the pages must not need them.
    @Test(arguments: ["index.html", "widget-demo.html"])
    func thePagesHaveNoInlineScriptOrStyleAndLoadNothingFromElsewhere(_ name: String) throws {
        var page = try String(contentsOf: Self.files.appendingPathComponent(name), encoding: .utf8)
        // The widget's three lines are shown as text (escaped), not markup.
        if let start = page.range(of: "<pre>"), let end = page.range(of: "</pre>") {
            page.removeSubrange(start.lowerBound..<end.upperBound)
        }
        #expect(!page.contains("<style"))
        #expect(!page.contains("style="))
        #expect(page.firstMatch(of: /\son[a-z]+=/) == nil, "no inline event handlers")
        let scripts = page.components(separatedBy: "<script").dropFirst()
        #expect(!scripts.isEmpty)
        for script in scripts { #expect(script.hasPrefix(" type=\"module\" src=\"/ui/")) }
        for attribute in ["src=\"", "href=\""] {
            for value in page.components(separatedBy: attribute).dropFirst() {
                #expect(value.hasPrefix("/"), "\(attribute)\(value.prefix(40))")
            }
        }
    }

    @Test func theWidgetCanBeImportedByPagesOfOtherOrigins() async throws {
        try await makeApplication().test(.router) { client in
            var headers = HTTPFields()
            headers[.origin] = "https://signup.example"
            try await client.execute(uri: "/ui/jid-username.js", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                #expect(response.headers[.crossOriginResourcePolicy] == "cross-origin")
                #expect(response.text.contains("customElements.define(\"jid-username\""))
            }
            // Its calls are not: without the origin on the allow-list, no CORS header.
            var call = headers
            call[.contentType] = "application/json"
            try await client.execute(
                uri: "/v1/signup/check", method: .post, headers: call,
                body: ByteBuffer(string: #"{"username":"juliet","domain":"example.com"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.accessControlAllowOrigin] == nil)
            }
            try await client.execute(uri: "/ui/playground.js", method: .get, headers: headers) { response in
                #expect(response.headers[.accessControlAllowOrigin] == nil)
                #expect(response.headers[.crossOriginResourcePolicy] == "same-origin")
            }
        }
    }

    @Test func aCurrentEntityTagIsAnsweredNotModified() async throws {
        try await makeApplication().test(.router) { client in
            let tag = try await client.execute(uri: "/ui/jid-username.js", method: .get) { response in
                try #require(response.headers[.eTag])
            }
            var headers = HTTPFields()
            headers[.ifNoneMatch] = "\"0\", \(tag)"
            try await client.execute(uri: "/ui/jid-username.js", method: .get, headers: headers) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            headers[.ifNoneMatch] = "\"0\""
            try await client.execute(uri: "/ui/jid-username.js", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func thePageTextsComeInTheAskedLanguage() async throws {
        try await makeApplication().test(.router) { client in
            try await client.execute(uri: "/ui/messages?lang=fr", method: .get) { response in
                #expect(response.headers[.contentLanguage] == "fr")
                #expect(response.object["language"] as? String == "fr")
                let messages = response.object["messages"] as? [String: String] ?? [:]
                #expect(Set(messages.keys) == Set(UserMessages.pageKeys))
                #expect(messages["ui.title"] == "Vérificateur d’adresses XMPP")
            }
            var headers = HTTPFields()
            headers[.acceptLanguage] = "de-CH, de;q=0.9, en;q=0.5"
            try await client.execute(uri: "/ui/messages", method: .get, headers: headers) { response in
                #expect(response.object["language"] as? String == "de")
                #expect((response.object["messages"] as? [String: String])?["ui.check.heading"] == "Adresse prüfen")
            }
        }
    }

    @Test func withLangEachParseErrorHasAMessageForPeople() async throws {
        try await makeApplication().test(.router) { client in
            try await client.execute(uri: "/v1/jid/parse?jid=henri%E2%85%A3%40example.com&lang=fr", method: .get) {
                response in
                #expect(response.headers[.contentLanguage] == "fr")
                let error = (response.object["errors"] as? [[String: Any]])?.first
                #expect(error?["offset"] as? Int == 5)
                #expect(
                    error?["userMessage"] as? String
                        == "Un nom d’utilisateur ne peut pas contenir « Ⅳ » (ROMAN NUMERAL FOUR), caractère 6.")
                #expect(error?["userSuggestion"] as? String == "henriiv")
                #expect(response.object["suggestion"] as? String == "henriiv@example.com")
            }
            // Without lang, the result is the JID result object alone, as before.
            try await client.execute(uri: "/v1/jid/parse?jid=henri%E2%85%A3%40example.com", method: .get) {
                response in
                #expect(response.headers[.contentLanguage] == nil)
                #expect(!response.text.contains("userMessage"))
            }
        }
    }

    @Test func noUIServesNoPage() async throws {
        try await makeApplication { $0.ui = false }.test(.router) { client in
            for path in ["/", "/ui/jid-username.js", "/ui/messages"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound, "\(path)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(try ServerConfiguration.from(environment: ["JID_UI": "false"]).ui == false)
        #expect(try ServerConfiguration.from(environment: [:]).ui == true)
        #expect(throws: ServerConfiguration.Invalid.self) {
            try ServerConfiguration.from(environment: ["JID_UI": "maybe"])
        }
    }
}
