import Foundation
import JIDTLS
import Testing

@testable import JIDProbe

/// The probe against real servers: the lab that `Lab/xmpp-lab.sh` starts (Prosody well configured, weak, with
/// another domain's certificate, behind a STARTTLS-stripping proxy; a mute listener; dnsmasq with SRV records).
/// `JID_XMPP_LAB` names the lab's directory; without it these tests are skipped, unless `JID_REQUIRE_LAB=1`.
@Suite(.serialized) struct ProbeLabTests {
    static let lab = ProcessInfo.processInfo.environment["JID_XMPP_LAB"]
    static let required = ProcessInfo.processInfo.environment["JID_REQUIRE_LAB"] == "1"

    @Test func theLabIsRunningWhenRequired() {
        if Self.required { #expect(Self.lab != nil, "start it with Lab/xmpp-lab.sh run swift test …") }
    }

    static func probe(
        _ connect: String?, domain: String = "lab.example", directTLS: Bool = false, dns: Bool = false,
        timeout: Duration = .seconds(3)
    ) async throws -> XMPPProbeReport {
        var options = XMPPProbeOptions(domain: domain)
        if let connect { options.connect = ProbeEndpoint.parse(connect, directTLS: directTLS) }
        options.directTLS = directTLS
        if dns { options.dnsServer = DNSServer("127.0.0.1:5353") }
        options.timeout = timeout
        options.trustAnchors = Array(try Data(contentsOf: URL(fileURLWithPath: "\(lab!)/certs/ca.pem")))
        return try await XMPPProbe.run(options)
    }

    static func statuses(_ report: XMPPProbeReport) -> [String: TLSCheck.Status] {
        Dictionary(report.checks.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
    }

    static let everyCheck = [
        "starttls", "tls-required", "sasl-before-tls", "tls10-11-refused", "tls12-supported", "tls13",
        "forward-secrecy", "secure-renegotiation", "extended-master-secret", "compression", "certificate-trusted",
        "certificate-identity", "certificate-validity", "key-strength",
    ]

    @Test(.enabled(if: lab != nil)) func aWellConfiguredServerGetsAnA() async throws {
        let report = try await Self.probe("127.0.0.2:5222")
        #expect(report.grade == .A, "\(report.text)")
        let statuses = Self.statuses(report)
        #expect(Set(statuses.keys) == Set(Self.everyCheck))
        #expect(statuses.filter { $0.value != .pass }.keys.sorted() == ["compression"])
        #expect(report.starttlsAdvertised == true && report.starttlsRequired == true && report.tlsNegotiated)
        #expect(report.tlsVersion == "TLSv1.3")
        #expect(report.mechanismsBeforeTLS.isEmpty)
        #expect(report.mechanismsAfterTLS.contains("SCRAM-SHA-1"))
        #expect(report.certificate?.verdict == .authenticated)
        // "well under 2 s" for the quick probe of a good server.
        #expect(report.elapsed < .seconds(2))
    }

    @Test(.enabled(if: lab != nil)) func aWeakServerFails() async throws {
        let report = try await Self.probe("127.0.0.3:5222")
        #expect(report.grade == .F)
        let statuses = Self.statuses(report)
        #expect(statuses["tls10-11-refused"] == .fail)
        #expect(statuses["tls-required"] == .fail)
        #expect(statuses["sasl-before-tls"] == .fail)
        #expect(statuses["certificate-identity"] == .pass)
        #expect(report.starttlsRequired == false)
        #expect(report.mechanismsBeforeTLS.contains("PLAIN"))
    }

    @Test(.enabled(if: lab != nil)) func anotherDomainsCertificateGetsAT() async throws {
        let report = try await Self.probe("127.0.0.4:5222")
        #expect(report.grade == .T)
        let statuses = Self.statuses(report)
        #expect(statuses["certificate-identity"] == .fail)
        #expect(statuses["certificate-trusted"] == .pass)
        #expect(report.checks.filter { $0.status == .fail }.map(\.id) == ["certificate-identity"])
    }

    /// RFC 7590 §3.1: the stripped advertisement does not stop the probe from negotiating TLS.
    @Test(.enabled(if: lab != nil)) func aStrippedStarttlsIsStillNegotiated() async throws {
        let report = try await Self.probe("127.0.0.5:5222")
        #expect(report.starttlsAdvertised == false)
        #expect(report.tlsNegotiated)
        #expect(report.tlsVersion == "TLSv1.3")
        #expect(Self.statuses(report)["starttls"] == .warn)
        #expect(report.grade == .B)
        #expect(report.certificate?.verdict == .authenticated)
    }

    @Test(.enabled(if: lab != nil)) func aMuteListenerTimesOutWithinTheTimeout() async throws {
        let started = ContinuousClock.now
        let report = try await Self.probe("127.0.0.6:5222", timeout: .seconds(1))
        #expect(report.grade == nil)
        #expect(report.unreachable?.kind == .timedOut)
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    /// Hostile or broken servers get a finding, never a hang, a crash or unbounded memory.
    @Test(
        .enabled(if: lab != nil),
        arguments: [
            ("127.0.0.8:5222", "the server sent more than 65536 bytes before the probe was done"),
            ("127.0.0.10:5222", "the server sent XML that is not well-formed: Document is empty"),
            ("127.0.0.11:5222", "the server declares a document type (RFC 6120 §11.1 forbids DTDs)"),
        ])
    func serversThatAreNotXMPPAreSaidToBe(_ endpoint: String, _ message: String) async throws {
        let report = try await Self.probe(endpoint, timeout: .seconds(2))
        #expect(report.grade == nil)
        #expect(report.unreachable == ProbeUnreachable(kind: .notXMPP, message: message))
        #expect(report.elapsed < .seconds(2))
    }

    /// RFC 6120 §4.9.3.6: a server that does not serve the domain says so, and nothing about TLS is claimed.
    @Test(.enabled(if: lab != nil)) func anUnservedDomainIsAStreamError() async throws {
        let report = try await Self.probe("127.0.0.2:5222", domain: "other.example")
        #expect(report.streamError == "host-unknown")
        #expect(report.grade == .F)
        #expect(report.checks.map(\.id) == ["stream"])
        #expect(report.tlsNegotiated == false)
    }

    @Test(.enabled(if: lab != nil)) func aClosedPortIsRefusedAtOnce() async throws {
        let report = try await Self.probe("127.0.0.9:5222")
        #expect(report.unreachable?.kind == .refused)
        #expect(report.unreachable?.message == "cannot connect to 127.0.0.9:5222: connection refused")
        #expect(report.elapsed < .seconds(1))
    }

    @Test(.enabled(if: lab != nil)) func directTLSIsProbedToo() async throws {
        let report = try await Self.probe("127.0.0.2:5223", directTLS: true)
        #expect(report.grade == .A, "\(report.text)")
        #expect(report.starttlsAdvertised == nil)
    }

    /// SRV records from the lab's dnsmasq: both endpoints (STARTTLS and XEP-0368 direct TLS) are probed.
    @Test(.enabled(if: lab != nil)) func srvTargetsAreFoundAndEachIsProbed() async throws {
        let report = try await Self.probe(nil, dns: true)
        #expect(report.grade == .A, "\(report.text)")
        #expect(report.targets.map(\.endpoint.description) == ["good.lab.example:5222", "good.lab.example:5223"])
        #expect(report.targets.map(\.endpoint.directTLS) == [false, true])
        #expect(report.targets.map(\.endpoint.address) == ["127.0.0.2", "127.0.0.2"])
    }

    /// RFC 6120 §3.2.1: an SRV target of "." says there is no service.
    @Test(.enabled(if: lab != nil)) func anSRVTargetOfDotMeansNoService() async throws {
        let report = try await Self.probe(nil, domain: "none.example", dns: true)
        #expect(report.grade == nil)
        #expect(report.unreachable?.kind == .noService)
    }

    static let ejabberd = lab.map { FileManager.default.fileExists(atPath: "\($0)/ejabberd.started") } ?? false

    /// A second implementation: ejabberd, configured as its documentation recommends, over STARTTLS and direct TLS.
    @Test(.enabled(if: ejabberd), arguments: [("127.0.0.7:5222", false), ("127.0.0.7:5223", true)])
    func ejabberdWellConfiguredGetsAnA(_ endpoint: String, _ directTLS: Bool) async throws {
        let report = try await Self.probe(endpoint, directTLS: directTLS)
        #expect(report.grade == .A, "\(report.text)")
        #expect(report.tlsNegotiated)
        #expect(report.certificate?.verdict == .authenticated)
        if !directTLS { #expect(report.starttlsRequired == true) }
    }

    @Test(.enabled(if: lab != nil)) func anAddressPolicyRefusesBeforeConnecting() async throws {
        var options = XMPPProbeOptions(domain: "lab.example")
        options.connect = ProbeEndpoint.parse("127.0.0.2:5222", directTLS: false)
        options.addressPolicy = { address in "refused: \(address) is a loopback address" }
        let report = try await XMPPProbe.run(options)
        #expect(report.unreachable?.kind == .forbidden)
        #expect(report.unreachable?.message == "refused: 127.0.0.2 is a loopback address")
    }
}
