import Foundation
import Hummingbird
import HummingbirdTesting
import JIDConfusables
import Testing

@testable import JIDServer

@Suite struct ConfusablesRouteTests {
    @Test func scoreGivesVerdictReasonsAndDataVersion() async throws {
        try await makeApplication().test(.router) { client in
            let (headers, body) = json(#"{"jid":"аpple@example.com"}"#)
            try await client.execute(uri: "/v1/confusables/score", method: .post, headers: headers, body: body) {
                response in
                #expect(response.status == .ok)
                #expect(response.object["verdict"] as? String == "block")
                #expect(response.object["score"] as? Int == 70)
                let reason = (response.object["reasons"] as? [[String: Any]])?.first
                #expect(reason?["code"] as? String == "mixed-script-confusable")
                let evidence = (reason?["evidence"] as? [[String: Any]])?.first
                #expect(evidence?["codePoint"] as? String == "U+0430")
                #expect(evidence?["looksLike"] as? String == "a")
                #expect((response.object["data"] as? [String: Any])?["unicode"] as? String == "15.0")
                #expect(response.object["registry"] == nil)
            }
        }
    }

    @Test func anInvalidAddressHasItsErrorsAndNoVerdict() async throws {
        try await makeApplication().test(.router) { client in
            let (headers, body) = json(#"{"jid":"a@@b"}"#)
            try await client.execute(uri: "/v1/confusables/score", method: .post, headers: headers, body: body) {
                response in
                #expect(response.status == .ok)
                #expect(response.object["valid"] as? Bool == false)
                #expect(response.object["verdict"] is NSNull)
                #expect((response.object["errors"] as? [Any])?.count == 1)
            }
        }
    }

    /// The public answer says that a conflict exists and how strong it is, never which name.
    @Test func checkDoesNotRevealRegisteredNames() async throws {
        let registry = ConfusableRegistry()
        try registry.add("paypal")
        try await makeApplication(registry: registry).test(.router) { client in
            let (headers, body) = json(#"{"jid":"paypa1@example.com"}"#)
            try await client.execute(uri: "/v1/confusables/check", method: .post, headers: headers, body: body) {
                response in
                #expect(response.status == .ok)
                #expect(response.object["verdict"] as? String == "block")
                let answer = response.object["registry"] as? [String: Any]
                #expect(answer?["conflict"] as? Bool == true)
                #expect(answer?["relation"] as? String == "skeleton")
                #expect(answer?["severity"] as? String == "high")
                #expect(answer?["registered"] == nil)
                #expect(answer?["conflicts"] == nil)
                #expect(!response.text.contains("\"name\""))
            }
        }
    }

    @Test func compareGivesRelationAndAlignedDifferences() async throws {
        try await makeApplication().test(.router) { client in
            let (headers, body) = json(#"{"a":"paypa1@example.com","b":"PayPal@example.com"}"#)
            try await client.execute(uri: "/v1/confusables/compare", method: .post, headers: headers, body: body) {
                response in
                #expect(response.status == .ok)
                #expect(response.object["relation"] as? String == "skeleton")
                #expect(response.object["confusable"] as? Bool == true)
                let local = (response.object["parts"] as? [[String: Any]])?.first
                let difference = (local?["differences"] as? [[String: Any]])?.first
                #expect(difference?["index"] as? Int == 5)
                #expect(difference?["a"] as? String == "1")
                #expect(difference?["aLooksLike"] as? String == "l")
            }
        }
    }
}
