import Foundation
import Testing

/// `jid tls probe` as an operator runs it: exit statuses and output, against the lab (see Lab/xmpp-lab.sh).
@Suite struct ProbeCommandTests {
    static let lab = ProcessInfo.processInfo.environment["JID_XMPP_LAB"]

    static func probe(_ arguments: [String]) throws -> JIDExecutable.Outcome {
        try JIDExecutable.run(["tls", "probe", "lab.example", "--ca", "\(lab!)/certs/ca.pem"] + arguments)
    }

    @Test(.enabled(if: lab != nil)) func aGoodServerExitsZero() throws {
        let outcome = try Self.probe(["--connect", "127.0.0.2:5222"])
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.hasPrefix("lab.example (client) at 127.0.0.2:5222 (127.0.0.2): grade A\n"))
    }

    @Test(.enabled(if: lab != nil)) func aWeakServerExitsOneWithJSON() throws {
        let outcome = try Self.probe(["--connect", "127.0.0.3:5222", "--json"])
        #expect(outcome.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any]
        #expect(object?["grade"] as? String == "F")
    }

    @Test(.enabled(if: lab != nil)) func aMuteServerExitsThreeWithinTheTimeout() throws {
        let started = Date()
        let outcome = try Self.probe(["--connect", "127.0.0.6:5222", "--timeout", "1"])
        #expect(outcome.status == 3)
        #expect(outcome.output.contains("unreachable (timed-out)"))
        #expect(Date().timeIntervalSince(started) < 3)
    }

    @Test func usageErrorsExitTwo() throws {
        for arguments in [
            ["tls", "probe", "a..b"], ["tls", "probe", "example.org", "--connect", "nowhere"],
            ["tls", "probe", "example.org", "--service", "smtp"],
            ["tls", "probe", "example.org", "--dns-server", "::1"],
        ] {
            let outcome = try JIDExecutable.run(arguments)
            #expect(outcome.status == 2, "\(arguments): \(outcome.error)")
            #expect(!outcome.error.isEmpty)
        }
    }
}
