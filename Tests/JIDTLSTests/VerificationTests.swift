import Foundation
import JIDTLS
import Testing
@_spi(FixedExpiryValidationTime) import X509

/// The openssl-made fixtures (Tests/JIDTLSTests/make-fixtures.sh, new keys each run).
enum Fixtures {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jid-tls-\(UUID().uuidString)")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "make-fixtures.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, url.path]
        try? process.run()
        process.waitUntilExit()
        return url
    }()

    static func bytes(_ name: String) -> [UInt8] {
        (try? Data(contentsOf: directory.appendingPathComponent(name))).map { [UInt8]($0) } ?? []
    }

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func verify(
        _ fixture: String, domain: String, service: XMPPService = .client, policy: IdentityPolicy = .rfc9525,
        at: Date? = nil, anchors: String = "root.pem"
    ) async throws -> TLSVerificationReport {
        var request = TLSVerificationRequest(domain: domain, chain: bytes(fixture))
        request.trustAnchors = bytes(anchors)
        request.service = service
        request.policy = policy
        if let at { request.at = at }
        return try await TLSVerifier.verify(request)
    }

    /// Runs a program and returns its status and standard output.
    static func run(_ executable: String, _ arguments: [String], input: String? = nil) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = stdin
        guard (try? process.run()) != nil else { return (-1, "") }
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// One row: a fixture checked for a domain, the verdict it must get and the identifier type that matches.
struct Row: CustomTestStringConvertible, Sendable {
    let fixture: String
    let domain: String
    var service: XMPPService = .client
    var policy: IdentityPolicy = .rfc9525
    let verdict: TLSVerdict
    var matched: IdentifierType? = nil
    let rfc: String
    var testDescription: String { "\(fixture) for \(domain) (\(service.rawValue), \(policy.rawValue)): \(rfc)" }
}

@Suite struct VerificationTests {
    static let rows: [Row] = [
        Row(
            fixture: "dns-chain.pem", domain: "example.org", verdict: .authenticated, matched: .dnsID,
            rfc: "RFC 9525 §6.3"),
        Row(
            fixture: "dns-chain.pem", domain: "juliet@example.org/balcony", verdict: .authenticated, matched: .dnsID,
            rfc: "RFC 6120 §13.7.2.1: only the domainpart counts"),
        Row(fixture: "dns-chain.pem", domain: "example.net", verdict: .identityMismatch, rfc: "RFC 9525 §6.3"),
        Row(
            fixture: "upper-chain.pem", domain: "example.org", verdict: .authenticated, matched: .dnsID,
            rfc: "RFC 9525 §6.3: case-insensitive, trailing dot ignored"),
        Row(
            fixture: "srv-client-chain.pem", domain: "example.org", verdict: .authenticated, matched: .srvID,
            rfc: "RFC 6120 §13.7.1.2.1, RFC 7673"),
        Row(
            fixture: "srv-client-chain.pem", domain: "example.org", service: .server, verdict: .identityMismatch,
            rfc: "RFC 6125 §6.5.1: the service label must be the one asked for"),
        Row(
            fixture: "srv-server-chain.pem", domain: "example.org", service: .server, verdict: .authenticated,
            matched: .srvID, rfc: "RFC 6120 §13.7.1.2.1"),
        Row(
            fixture: "xmppaddr-chain.pem", domain: "example.org", verdict: .authenticated, matched: .xmppAddr,
            rfc: "RFC 6120 §13.7.1.4"),
        Row(
            fixture: "xmppaddr-idn-chain.pem", domain: "nœud.example", verdict: .authenticated, matched: .xmppAddr,
            rfc: "RFC 6120 §13.7.1.4: XmppAddr in U-labels, compared as RFC 7622 domainparts"),
        Row(
            fixture: "xmppaddr-idn-chain.pem", domain: "xn--nud-fya.example", verdict: .authenticated,
            matched: .xmppAddr, rfc: "RFC 7622 §3.2: an A-label domain is the same domainpart"),
        Row(
            fixture: "xmppaddr-user-chain.pem", domain: "example.org", verdict: .identityMismatch,
            rfc: "RFC 6120 §13.7.1.4: an XmppAddr with a localpart names an account"),
        Row(
            fixture: "idn-chain.pem", domain: "nœud.example", verdict: .authenticated, matched: .dnsID,
            rfc: "RFC 9525 §6.3: DNS-ID compared in A-labels"),
        Row(
            fixture: "wildcard-chain.pem", domain: "chat.example.org", verdict: .authenticated, matched: .dnsID,
            rfc: "RFC 9525 §6.3: * is the whole left-most label"),
        Row(
            fixture: "wildcard-chain.pem", domain: "example.org", verdict: .identityMismatch,
            rfc: "RFC 9525 §6.3: * matches exactly one label, not none"),
        Row(
            fixture: "wildcard-chain.pem", domain: "a.chat.example.org", verdict: .identityMismatch,
            rfc: "RFC 9525 §6.3: * matches exactly one label, not two"),
        Row(
            fixture: "wildcard-tld-chain.pem", domain: "example.org", verdict: .identityMismatch,
            rfc: "RFC 9525 §6.3: no wildcard over a whole registry-controlled name"),
        Row(
            fixture: "partial-chain.pem", domain: "chat.example.org", verdict: .identityMismatch,
            rfc: "RFC 9525 §6.3: partial-label wildcards are not matched"),
        Row(
            fixture: "partial-chain.pem", domain: "chat.example.org", policy: .rfc6125, verdict: .authenticated,
            matched: .dnsID, rfc: "RFC 6125 §6.4.3: a partial-label wildcard may match"),
        Row(
            fixture: "ip-chain.pem", domain: "192.0.2.1", verdict: .authenticated, matched: .ipID, rfc: "RFC 9525 §6.5"),
        Row(
            fixture: "ip-chain.pem", domain: "[2001:db8::1]", verdict: .authenticated, matched: .ipID,
            rfc: "RFC 9525 §6.5"),
        Row(fixture: "ip-chain.pem", domain: "192.0.2.2", verdict: .identityMismatch, rfc: "RFC 9525 §6.5"),
        Row(
            fixture: "cn-only-chain.pem", domain: "example.org", verdict: .identityMismatch,
            rfc: "RFC 9525 §6.3: no CN-ID"),
        Row(
            fixture: "cn-only-chain.pem", domain: "example.org", policy: .rfc6125, verdict: .authenticated,
            matched: .cnID, rfc: "RFC 6125 §6.4.4: CN-ID only without a subjectAltName"),
        Row(
            fixture: "cn-other-san-chain.pem", domain: "example.org", policy: .rfc6125, verdict: .identityMismatch,
            rfc: "RFC 6125 §6.4.4: a subjectAltName rules the CN-ID out"),
        Row(fixture: "rsa1024-chain.pem", domain: "example.org", verdict: .weak, rfc: "RFC 9325 §4.5: RSA under 2048"),
        Row(fixture: "sha1-chain.pem", domain: "example.org", verdict: .weak, matched: .dnsID, rfc: "RFC 9155: SHA-1"),
        Row(
            fixture: "client-eku-chain.pem", domain: "example.org", verdict: .untrusted, matched: .dnsID,
            rfc: "RFC 5280 §4.2.1.12: no serverAuth"),
        Row(
            fixture: "dns.pem", domain: "example.org", verdict: .untrusted, matched: .dnsID,
            rfc: "RFC 6120 §13.7.2: missing intermediate"),
        Row(
            fixture: "unknown-chain.pem", domain: "example.org", verdict: .untrusted, matched: .dnsID,
            rfc: "RFC 6120 §13.7.2: unknown issuer"),
    ]

    @Test(arguments: rows)
    func verdict(_ row: Row) async throws {
        let report = try await Fixtures.verify(
            row.fixture, domain: row.domain, service: row.service, policy: row.policy)
        #expect(report.verdict == row.verdict, "\(report.checks.map(\.message))")
        #expect(report.matched?.type == row.matched)
    }

    @Test func expiredAndNotYetValidFollowTheInstantAsked() async throws {
        let leaf = Fixtures.bytes("dns-chain.pem")
        let now = try await Fixtures.verify("dns-chain.pem", domain: "example.org")
        let notAfter = try #require(now.chain.first?.notAfter)
        let notBefore = try #require(now.chain.first?.notBefore)
        #expect(!leaf.isEmpty)
        let late = try await Fixtures.verify("dns-chain.pem", domain: "example.org", at: notAfter + 86_400)
        #expect(late.verdict == .expired)
        #expect(late.checks.contains { $0.id == "validity.expired" && $0.status == .fail })
        let early = try await Fixtures.verify("dns-chain.pem", domain: "example.org", at: notBefore - 86_400)
        #expect(early.verdict == .notYetValid)
        // Precedence: an expired chain that also names another domain is "expired"; one that also lacks serverAuth
        // is "untrusted", which comes first.
        let both = try await Fixtures.verify("dns-chain.pem", domain: "example.net", at: notAfter + 86_400)
        #expect(both.verdict == .expired)
        let clientOnly = try await Fixtures.verify("client-eku-chain.pem", domain: "example.org", at: notAfter + 86_400)
        #expect(clientOnly.verdict == .untrusted)
        #expect(clientOnly.checks.contains { $0.id == "validity.expired" })
    }

    @Test func aChainWithAnUnreadableCertificateAfterTheLeafIsMalformed() async throws {
        let broken =
            Fixtures.bytes("dns.pem") + Array("-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n".utf8)
        var request = TLSVerificationRequest(domain: "example.org", chain: broken)
        request.trustAnchors = Fixtures.bytes("root.pem")
        let report = try await TLSVerifier.verify(request)
        #expect(report.verdict == .malformed)
        #expect(report.checks.first?.id == "input.malformed")
        #expect(report.matched?.type == .dnsID)
    }

    @Test func aMissingIntermediateIsExplained() async throws {
        let report = try await Fixtures.verify("dns.pem", domain: "example.org")
        let check = try #require(report.checks.first { $0.id == "chain.trusted" })
        #expect(check.status == .fail)
        #expect(check.message.contains("missing intermediate"))
        #expect(check.message.contains("jid-service Test Intermediate"))
    }

    @Test func theChainOutOfOrderIsAWarning() async throws {
        let reversed = Fixtures.bytes("int.pem") + Fixtures.bytes("dns.pem")
        var request = TLSVerificationRequest(domain: "example.org", chain: reversed)
        request.trustAnchors = Fixtures.bytes("root.pem")
        let report = try await TLSVerifier.verify(request)
        // The leaf is the first certificate given: here the intermediate, which names no XMPP domain.
        #expect(report.checks.contains { $0.id == "chain.order" && $0.status == .warn })
    }

    @Test(arguments: ["", "not a certificate", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"])
    func inputWithoutACertificateIsAnInputError(_ text: String) async {
        await #expect(throws: TLSVerifier.InputError.self) {
            try await TLSVerifier.verify(TLSVerificationRequest(domain: "example.org", chain: Array(text.utf8)))
        }
    }

    @Test func aDomainThatIsNoDomainIsAnInputError() async {
        await #expect(throws: TLSVerifier.InputError.self) {
            try await TLSVerifier.verify(
                TLSVerificationRequest(domain: "exa mple.org", chain: Fixtures.bytes("dns-chain.pem")))
        }
    }

    /// Fingerprints equal openssl's on every fixture leaf.
    @Test(arguments: [
        "dns", "upper", "srv-client", "srv-server", "xmppaddr", "xmppaddr-idn", "xmppaddr-user", "idn", "wildcard",
        "partial", "wildcard-tld", "ip", "cn-only", "cn-other-san", "rsa1024", "sha1", "client-eku", "unknown",
    ])
    func fingerprintsEqualOpenSSL(_ name: String) async throws {
        let report = try await Fixtures.verify("\(name)-chain.pem", domain: "example.org")
        let fingerprints = try #require(report.fingerprints)
        let pem = Fixtures.path("\(name).pem")
        let (_, certificate) = Fixtures.run(
            "/bin/sh", ["-c", "openssl x509 -in '\(pem)' -outform DER | openssl dgst -sha256 -r"])
        let (_, key) = Fixtures.run(
            "/bin/sh",
            [
                "-c",
                "openssl x509 -in '\(pem)' -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r",
            ])
        let (_, key64) = Fixtures.run(
            "/bin/sh",
            [
                "-c",
                "openssl x509 -in '\(pem)' -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -binary | base64",
            ])
        let (_, certificate64) = Fixtures.run(
            "/bin/sh", ["-c", "openssl x509 -in '\(pem)' -outform DER | openssl dgst -sha256 -binary | base64"])
        #expect(certificate.hasPrefix(fingerprints.sha256))
        #expect(certificate64.trimmingCharacters(in: .whitespacesAndNewlines) == fingerprints.sha256Base64)
        #expect(key64.trimmingCharacters(in: .whitespacesAndNewlines) == fingerprints.spkiSha256)
        #expect(key.hasPrefix(String(fingerprints.tlsa.dropFirst(6))))
        #expect(fingerprints.tlsa.hasPrefix("3 1 1 "))
    }
}

@Suite struct IdentityPolicyTests {
    /// The same rule inside swift-certificates' own Verifier, next to its RFC 5280 policy.
    @Test func theVerifierPolicyAcceptsOnlyTheDomainTheLeafNames() async throws {
        let chain = try CertificateInput.certificates(Fixtures.bytes("dns-chain.pem"))
        let anchors = try CertificateInput.certificates(Fixtures.bytes("root.pem"))
        for (domain, expected) in [("example.org", true), ("example.net", false)] {
            let reference = try ReferenceIdentifiers(domain: domain, service: .client)
            var verifier = Verifier(rootCertificates: CertificateStore(anchors)) {
                RFC5280Policy(fixedExpiryValidationTime: chain[0].notValidBefore + 60)
                XMPPServerIdentityPolicy(reference: reference)
            }
            let result = await verifier.validate(
                leaf: chain[0], intermediates: CertificateStore(chain.dropFirst()), diagnosticCallback: nil)
            if case .validCertificate = result {
                #expect(expected, "\(domain)")
            } else {
                #expect(!expected, "\(domain)")
            }
        }
    }
}
