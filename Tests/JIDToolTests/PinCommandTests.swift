import Foundation
import Testing

/// Certificate pins as operators use them (RFC 7590 §3.6): `jid tls verify --track`, `jid tls pins`, two replicas
/// sharing one PostgreSQL, and `jid serve --watch` against the XMPP lab.
@Suite(.serialized) struct PinCommandTests {
    /// The TLS fixtures (Tests/JIDTLSTests/make-fixtures.sh), plus `renewed-chain.pem`: the `dns` leaf's key
    /// certified again (a renewal: new certificate, same key).
    static let fixtures: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jid-pins-\(UUID().uuidString)")
        let script = StandaloneBinaryTests.root.appendingPathComponent("Tests/JIDTLSTests/make-fixtures.sh").path
        let made = try? StoreCommandTests.run("/bin/bash", [script, url.path])
        precondition(made?.status == 0, "the TLS fixtures could not be made")
        let path = url.path
        // The fixtures script keeps keys, not requests: a new request for the same key, certified again.
        try?
            "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:example.org\n"
            .write(toFile: "\(path)/renewed.ext", atomically: true, encoding: .utf8)
        _ = try? StoreCommandTests.run(
            "/usr/bin/openssl",
            ["req", "-new", "-key", "\(path)/dns.key", "-subj", "/CN=example.org", "-out", "\(path)/renewed.csr"])
        _ = try? StoreCommandTests.run(
            "/usr/bin/openssl",
            [
                "x509", "-req", "-in", "\(path)/renewed.csr", "-CA", "\(path)/int.pem", "-CAkey", "\(path)/int.key",
                "-CAcreateserial", "-days", "60", "-sha256", "-extfile", "\(path)/renewed.ext", "-out",
                "\(path)/renewed.pem",
            ])
        let renewed = (try? String(contentsOfFile: "\(path)/renewed.pem", encoding: .utf8)) ?? ""
        let intermediate = (try? String(contentsOfFile: "\(path)/int.pem", encoding: .utf8)) ?? ""
        try? (renewed + intermediate).write(toFile: "\(path)/renewed-chain.pem", atomically: true, encoding: .utf8)
        return url
    }()

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test func verifyTrackRecordsAndClassifiesEachSighting() throws {
        let directory = try MigrateCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("state").path
        var seen: [(String, Int32)] = []
        for chain in ["dns-chain.pem", "dns-chain.pem", "renewed-chain.pem", "upper-chain.pem", "unknown-chain.pem"] {
            let outcome = try JIDExecutable.run([
                "tls", "verify", "--domain", "example.org", "--chain", Self.fixture(chain), "--ca",
                Self.fixture("root.pem"), "--track", "--state-dir", state, "--json",
            ])
            let pin = Self.object(outcome.output)["pin"] as? [String: Any]
            seen.append((pin?["change"] as? String ?? outcome.error, outcome.status))
        }
        #expect(seen.map(\.0) == ["first-seen", "unchanged", "renewed", "rotated", "changed-unauthenticated"])
        #expect(seen.map(\.1) == [0, 0, 0, 0, 1])

        let text = try JIDExecutable.run([
            "tls", "verify", "--domain", "example.org", "--chain", Self.fixture("unknown-chain.pem"), "--ca",
            Self.fixture("root.pem"), "--track", "--state-dir", state,
        ])
        #expect(text.status == 1)
        #expect(
            text.output.contains("pin: changed-unauthenticated (a different certificate that does NOT authenticate"))

        let pins = try JIDExecutable.run(["tls", "pins", "EXAMPLE.org", "--state-dir", state, "--json"])
        #expect(pins.status == 0)
        let history = try #require(Self.object(pins.output)["pins"] as? [[String: Any]])
        #expect(history.map { $0["authenticated"] as? Bool } == [false, true, true, true])
        let human = try JIDExecutable.run(["tls", "pins", "example.org", "--state-dir", state])
        #expect(human.output.hasPrefix("example.org: 4 certificates recorded, newest first\n"))

        // No store named is a usage error; a store that cannot be reached is exit status 4, said on stderr.
        let unnamed = try JIDExecutable.run([
            "tls", "verify", "--domain", "example.org", "--chain", Self.fixture("dns-chain.pem"), "--track",
        ])
        #expect(unnamed.status == 2 && unnamed.error.contains("--state-dir DIR or --database URL"))
        let unreachable = try JIDExecutable.run([
            "tls", "verify", "--domain", "example.org", "--chain", Self.fixture("dns-chain.pem"), "--ca",
            Self.fixture("root.pem"), "--track", "--database", "postgres://jid@127.0.0.1:1/none",
        ])
        #expect(unreachable.status == 4 && unreachable.error.contains("the store cannot be used"))
    }

    /// `jid tls probe --track` against the lab's Prosody: the certificate it was given is recorded and classified.
    @Test func probeTrackRecordsTheServedCertificate() throws {
        guard let lab = ProbeCommandTests.lab else { return }
        let directory = try MigrateCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var changes: [String?] = []
        for _ in 0..<2 {
            let outcome = try JIDExecutable.run([
                "tls", "probe", "lab.example", "--dns-server", "127.0.0.1:5353", "--ca", "\(lab)/certs/ca.pem",
                "--track", "--state-dir", directory.path, "--json",
            ])
            #expect(outcome.status == 0, "\(outcome.error)")
            let certificate = Self.object(outcome.output)["certificate"] as? [String: Any]
            changes.append((certificate?["pin"] as? [String: Any])?["change"] as? String)
        }
        #expect(changes == ["first-seen", "unchanged"])
    }

    /// Two replicas on one PostgreSQL: a pin recorded through one is in the other's history.
    @Test func aPinRecordedThroughOneReplicaIsInTheOthersHistory() throws {
        guard let database = try StoreCommandTests.newDatabase() else { return }
        let (token, auth) = try StoreCommandTests.tokenFile()
        let first = try StoreCommandTests.Server(["--database", database, "--admin-token-file", token])
        let second = try StoreCommandTests.Server(["--database", database, "--admin-token-file", token])
        let body = try JSONSerialization.data(withJSONObject: [
            "domain": "example.org", "track": true,
            "chainPem": try String(contentsOfFile: Self.fixture("dns-chain.pem"), encoding: .utf8),
            "trustAnchorsPem": try String(contentsOfFile: Self.fixture("root.pem"), encoding: .utf8),
        ])
        let tracked = try first.request(
            "POST", "/v1/tls/verify", body: String(decoding: body, as: UTF8.self),
            headers: [auth, "Content-Type: application/json"])
        #expect(tracked.status == 200)
        let pin = Self.object(tracked.body)["pin"] as? [String: Any]
        #expect(pin?["change"] as? String == "first-seen")
        let history = try second.request("GET", "/v1/tls/pins/example.org")
        let pins = Self.object(history.body)["pins"] as? [[String: Any]]
        #expect(history.status == 200 && pins?.count == 1)
        #expect(
            pins?.first?["sha256"] as? String == (Self.object(tracked.body)["fingerprints"] as? [String: Any])?[
                "sha256"] as? String)
    }

    /// `jid serve --watch` on two replicas sharing PostgreSQL, against the lab's Prosody: exactly one probes, its
    /// metrics give the grade and expiry, the pin is recorded, and when it stops the other takes over.
    @Test func oneReplicaProbesTheWatchListAndTheOtherTakesOver() throws {
        guard let lab = ProbeCommandTests.lab, let database = try StoreCommandTests.newDatabase() else { return }
        let directory = try MigrateCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let list = directory.appendingPathComponent("watch.txt").path
        try "# the lab\nlab.example client\nnone.example\n".write(toFile: list, atomically: true, encoding: .utf8)
        let arguments = [
            "--database", database, "--watch", list, "--watch-interval", "10", "--probe-allow-private",
            "--probe-dns-server", "127.0.0.1:5353", "--probe-ca", "\(lab)/certs/ca.pem",
        ]
        var replicas: [StoreCommandTests.Server?] = [
            try StoreCommandTests.Server(arguments), try StoreCommandTests.Server(arguments),
        ]
        let grade = #"jid_tls_grade{domain="lab.example",service="xmpp-client"} 4.0"#
        func probing(_ index: Int) throws -> Bool {
            try replicas[index]!.request("GET", "/metrics").body.contains(grade)
        }
        var leaders: [Bool] = []
        for _ in 0..<100 {
            leaders = [try probing(0), try probing(1)]
            if leaders.contains(true) { break }
            usleep(100_000)
        }
        #expect(leaders.filter { $0 }.count == 1, "\(leaders)")
        let leader = leaders[0] ? 0 : 1
        let other = 1 - leader
        let metrics = try replicas[leader]!.request("GET", "/metrics").body
        #expect(metrics.contains(#"jid_tls_grade{domain="none.example",service="xmpp-client"} 0.0"#))
        #expect(metrics.contains(#"jid_tls_certificate_expiry_seconds{domain="lab.example",service="xmpp-client"}"#))
        #expect(
            metrics.contains(
                #"jid_tls_pin_changes_total{domain="lab.example",service="xmpp-client",change="changed-unauthenticated"} 0"#
            ))
        let history = try replicas[other]!.request("GET", "/v1/tls/pins/lab.example").body
        let pins = Self.object(history)["pins"] as? [[String: Any]]
        #expect(pins?.count == 1 && pins?.first?["authenticated"] as? Bool == true)
        // The prober stops; the other replica takes the lock within its 10-second retry and probes.
        replicas[leader] = nil
        var tookOver = false
        for _ in 0..<300 {
            if try probing(other) {
                tookOver = true
                break
            }
            usleep(100_000)
        }
        #expect(tookOver, "the remaining replica never probed")
    }
}
