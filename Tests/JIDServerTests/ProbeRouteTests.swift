import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import JIDServer

/// `POST /v1/tls/probe`: a probe connects out, so the route refuses private targets unless allowed, limits each
/// client and the probes at once, and answers bad requests with problems. The loopback refusals need no server.
@Suite struct ProbeRouteTests {
    static let lab = ProcessInfo.processInfo.environment["JID_XMPP_LAB"]

    static func post(_ body: String, _ configure: @escaping (inout ServerConfiguration) -> Void = { _ in })
        async throws -> (status: Int, object: [String: Any], retryAfter: String?)
    {
        let outcome = Mutex<(Int, String, String?)>((0, "", nil))
        try await makeApplication(configure).test(.router) { client in
            let (headers, _) = json("")
            try await client.execute(
                uri: "/v1/tls/probe", method: .post, headers: headers, body: ByteBuffer(string: body)
            ) { response in
                outcome.withLock { $0 = (Int(response.status.code), response.text, response.headers[.retryAfter]) }
            }
        }
        let (status, text, retryAfter) = outcome.withLock { $0 }
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return (status, object, retryAfter)
    }

    @Test(arguments: [
        "{\"domain\":\"lab.example\",\"connect\":\"127.0.0.1:5222\"}",
        "{\"domain\":\"lab.example\",\"connect\":\"[::1]:5222\"}",
        "{\"domain\":\"lab.example\",\"connect\":\"10.1.2.3:5222\"}",
        "{\"domain\":\"lab.example\",\"connect\":\"169.254.169.254:80\"}",
        "{\"domain\":\"lab.example\",\"connect\":\"[::ffff:192.168.1.1]:5222\"}",
        "{\"domain\":\"localhost\"}",
    ])
    func privateTargetsAreRefusedByDefault(_ body: String) async throws {
        let (status, object, _) = try await Self.post(body)
        #expect(status == 403, "\(object)")
        #expect(object["type"] as? String == "/problems/target-not-allowed")
        #expect((object["detail"] as? String)?.contains("this service probes public addresses only") == true)
    }

    @Test(arguments: [
        ("{}", 400), ("{\"domain\":\"a..b\"}", 400), ("{\"domain\":\"lab.example\",\"service\":\"smtp\"}", 400),
        ("{\"domain\":\"lab.example\",\"connect\":\"no-port\"}", 400), ("{\"domain\":5}", 400),
    ])
    func badRequestsAreProblems(_ body: String, _ expected: Int) async throws {
        let (status, object, _) = try await Self.post(body)
        #expect(status == expected, "\(object)")
        #expect(object["type"] is String)
    }

    @Test func eachClientIsLimited() async throws {
        try await makeApplication { $0.probeRate = 2 }.test(.router) { client in
            let (headers, _) = json("")
            let statuses = Mutex<[Int]>([])
            for _ in 0..<3 {
                try await client.execute(
                    uri: "/v1/tls/probe", method: .post, headers: headers,
                    body: ByteBuffer(string: "{\"domain\":\"lab.example\",\"connect\":\"127.0.0.1:1\"}")
                ) { response in statuses.withLock { $0.append(Int(response.status.code)) } }
            }
            #expect(statuses.withLock { $0 } == [403, 403, 429])
        }
    }

    /// With private targets allowed (the operator's choice), the lab's good server is graded.
    @Test(.enabled(if: lab != nil)) func anAllowedPrivateTargetIsProbed() async throws {
        let (status, object, _) = try await Self.post("{\"domain\":\"lab.example\",\"connect\":\"127.0.0.2:5222\"}") {
            $0.probeAllowPrivate = true
        }
        #expect(status == 200)
        // The lab's CA is not in the system bundle, so the certificate is not trusted: grade T.
        #expect(object["grade"] as? String == "T")
        #expect((object["starttls"] as? [String: Any])?["negotiated"] as? Bool == true)
        #expect((object["tls"] as? [String: Any])?["version"] as? String == "TLSv1.3")
    }
}
