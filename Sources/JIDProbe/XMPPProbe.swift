public import Foundation
public import JIDCore
public import JIDTLS
internal import NIOCore

/// Which XMPP service a probe speaks to.
public enum XMPPProbeService: String, Sendable, CaseIterable {
    case client
    case server

    var namespace: String { self == .client ? "jabber:client" : "jabber:server" }
    /// XEP-0368 ALPN protocol identifier.
    var alpn: String { self == .client ? "xmpp-client" : "xmpp-server" }
    var defaultPort: Int { self == .client ? 5222 : 5269 }
    var tlsService: XMPPService { self == .client ? .client : .server }
    func srvName(direct: Bool, domain: String) -> String {
        "_\(direct ? "xmpps" : "xmpp")-\(rawValue)._tcp.\(domain)"
    }
}

/// Where a probe connects: a host (name or IP literal) and port, with TLS first (XEP-0368) or STARTTLS.
public struct ProbeEndpoint: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var directTLS: Bool
    /// The address connected to, once resolved.
    public var address: String?

    public init(host: String, port: Int, directTLS: Bool) {
        self.host = host
        self.port = port
        self.directTLS = directTLS
    }

    /// Parses `HOST:PORT` or `[IPv6]:PORT`.
    public static func parse(_ text: String, directTLS: Bool) -> ProbeEndpoint? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains("/") else { return nil }
        return ProbeEndpoint(host: host, port: port, directTLS: directTLS)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

public struct XMPPProbeOptions: Sendable {
    public var domain: String
    public var service: XMPPProbeService = .client
    /// Skip DNS and connect here.
    public var connect: ProbeEndpoint?
    /// Speak TLS first (XEP-0368) when connecting to `connect` or to the fallback endpoint.
    public var directTLS = false
    public var dnsServer: DNSServer?
    /// Every step: DNS, connecting, each answer, each handshake.
    public var timeout: Duration = .seconds(5)
    public var trustAnchors: [UInt8]?
    /// SRV targets probed at most.
    public var maximumTargets = 4
    public var at = Date()
    /// Asked about every address before connecting; a reason refuses it (the HTTP endpoint refuses private
    /// addresses this way).
    public var addressPolicy: (@Sendable (_ address: String) -> String?)?

    public init(domain: String) { self.domain = domain }
}

/// Why a probe could not grade a service.
public struct ProbeUnreachable: Error, Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// DNS said there is no such service (SRV target ".") or no such name.
        case noService = "no-service"
        case dns
        case refused
        case timedOut = "timed-out"
        case notXMPP = "not-xmpp"
        /// The address policy refused every address.
        case forbidden
    }

    public var kind: Kind
    public var message: String
}

/// A probe's result: graded checks for the first endpoint that answered, what was negotiated, the certificate
/// verdict, and every endpoint tried.
public struct XMPPProbeReport: Sendable {
    public enum Grade: String, Sendable, Comparable {
        case A, B, T, F
        public static func < (left: Grade, right: Grade) -> Bool { left.rank < right.rank }
        private var rank: Int {
            switch self {
            case .A: 0
            case .B: 1
            case .T: 2
            case .F: 3
            }
        }
    }

    /// One endpoint tried, and its outcome.
    public struct Target: Sendable {
        public var endpoint: ProbeEndpoint
        public var grade: Grade?
        public var unreachable: ProbeUnreachable?
    }

    public var domain: String
    public var service: XMPPProbeService
    /// The worst grade of the endpoints that answered; nil when none did.
    public var grade: Grade?
    public var unreachable: ProbeUnreachable?
    public var endpoint: ProbeEndpoint?
    public var checks: [TLSCheck] = []
    public var starttlsAdvertised: Bool?
    public var starttlsRequired: Bool?
    public var tlsNegotiated = false
    public var tlsVersion: String?
    public var cipher: String?
    public var group: String?
    public var alpn: String?
    public var mechanismsBeforeTLS: [String] = []
    public var mechanismsAfterTLS: [String] = []
    public var streamError: String?
    public var certificate: TLSVerificationReport?
    public var targets: [Target] = []
    public var elapsed: Duration = .zero
}

/// `jid tls probe`: checks a live XMPP service's TLS as RFC 7590 and RFC 9325 ask (see README, "TLS probe").
public enum XMPPProbe {
    public struct UsageError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func run(_ options: XMPPProbeOptions) async throws(UsageError) -> XMPPProbeReport {
        let started = ContinuousClock.now
        let parsed = JID.parse(options.domain)
        guard let jid = parsed.jid else {
            throw UsageError(
                description: "'\(options.domain)' is not a valid domain: "
                    + (parsed.errors.first?.message ?? "it cannot be parsed"))
        }
        var report = XMPPProbeReport(domain: jid.domainpart, service: options.service)
        let timeout = TimeAmount.nanoseconds(
            Int64(options.timeout.components.seconds) * 1_000_000_000 + options.timeout.components.attoseconds
                / 1_000_000_000)
        let resolver = Resolver(
            server: options.dnsServer, timeoutSeconds: Int32(max(1, options.timeout.components.seconds)))

        var endpoints: [ProbeEndpoint]
        switch await targets(options, ascii: jid.domainAscii, resolver: resolver) {
        case .success(let found): endpoints = found
        case .failure(let unreachable):
            report.unreachable = unreachable
            report.elapsed = ContinuousClock.now - started
            return report
        }
        endpoints = Array(endpoints.prefix(options.maximumTargets))

        for var endpoint in endpoints {
            let addresses: [SocketAddress]
            do {
                addresses = try await resolver.addresses(endpoint.host, port: endpoint.port)
            } catch {
                report.targets.append(
                    .init(
                        endpoint: endpoint, grade: nil,
                        unreachable: ProbeUnreachable(
                            kind: .dns, message: "cannot resolve \(endpoint.host): \(error.description)")))
                continue
            }
            let refused = addresses.compactMap { address in
                options.addressPolicy?(address.ipAddress ?? "").map { (address, $0) }
            }
            guard let address = addresses.first(where: { address in !refused.contains { $0.0 == address } })
            else {
                report.targets.append(
                    .init(
                        endpoint: endpoint, grade: nil,
                        unreachable: ProbeUnreachable(
                            kind: .forbidden, message: refused.first?.1 ?? "every address was refused")))
                continue
            }
            endpoint.address = address.ipAddress
            let graded = await probe(endpoint, address: address, jid: jid, options: options, timeout: timeout)
            report.targets.append(.init(endpoint: endpoint, grade: graded.grade, unreachable: graded.unreachable))
            if report.endpoint == nil && graded.grade != nil {
                let targets = report.targets
                report = graded
                report.targets = targets
            }
        }
        let grades = report.targets.compactMap(\.grade)
        report.grade = grades.max()
        if report.grade == nil {
            report.unreachable =
                report.targets.last?.unreachable
                ?? ProbeUnreachable(kind: .noService, message: "no endpoint to probe")
        }
        report.elapsed = ContinuousClock.now - started
        return report
    }

    /// The endpoints to probe, by SRV (RFC 6120 §3.2.1, XEP-0368) or the fallback.
    static func targets(_ options: XMPPProbeOptions, ascii: String, resolver: Resolver) async -> Result<
        [ProbeEndpoint], ProbeUnreachable
    > {
        if let connect = options.connect {
            var endpoint = connect
            endpoint.directTLS = options.directTLS
            return .success([endpoint])
        }
        var found: [(record: SRVRecord, direct: Bool)] = []
        var noService = false
        var failures: [String] = []
        for direct in [false, true] {
            let name = options.service.srvName(direct: direct, domain: ascii)
            do {
                let records = try await resolver.srv(name)
                if records.count == 1 && records[0].target == "." {
                    noService = true
                    continue
                }
                found += records.filter { $0.target != "." }.map { ($0, direct) }
            } catch {
                if error == .noAnswer { failures.append("\(name): \(error.description)") }
            }
        }
        if found.isEmpty {
            if noService {
                return .failure(
                    ProbeUnreachable(
                        kind: .noService,
                        message: "DNS says \(ascii) offers no XMPP \(options.service.rawValue) service (SRV target '.')"
                    ))
            }
            if !failures.isEmpty && options.dnsServer != nil {
                return .failure(ProbeUnreachable(kind: .dns, message: failures.joined(separator: "; ")))
            }
            // RFC 6120 §3.2.2: no SRV records, so the domain itself on the default port.
            return .success([
                ProbeEndpoint(host: ascii, port: options.service.defaultPort, directTLS: options.directTLS)
            ])
        }
        // Lowest priority first; within a priority, heavier first (a fixed order, so runs are comparable).
        found.sort {
            ($0.record.priority, -Int($0.record.weight), $0.direct ? 1 : 0)
                < ($1.record.priority, -Int($1.record.weight), $1.direct ? 1 : 0)
        }
        return .success(
            found.map {
                let target = $0.record.target.hasSuffix(".") ? String($0.record.target.dropLast()) : $0.record.target
                return ProbeEndpoint(host: target, port: Int($0.record.port), directTLS: $0.direct)
            })
    }

    /// Every check against one address: the main session (features before and after TLS), and handshakes
    /// capped at TLS 1.1 and at TLS 1.2, at the same time.
    static func probe(
        _ endpoint: ProbeEndpoint, address: SocketAddress, jid: JID, options: XMPPProbeOptions, timeout: TimeAmount
    ) async -> XMPPProbeReport {
        func session(_ settings: HandshakeSettings, features: Bool) -> XMPPSession {
            XMPPSession(
                address: address, domain: jid.domainAscii, streamTo: jid.domainpart, service: options.service,
                directTLS: endpoint.directTLS, settings: settings, readFeaturesAfterTLS: features, timeout: timeout)
        }
        let main = await session(.modern, features: true).run()
        var report = XMPPProbeReport(domain: jid.domainpart, service: options.service)
        report.endpoint = endpoint
        if let unreachable = main.unreachable {
            report.unreachable = ProbeUnreachable(unreachable)
            return report
        }
        async let legacyRun = session(.legacyOnly, features: false).run()
        async let tls12Run = session(.tls12Only, features: false).run()
        let (legacy, tls12) = await (legacyRun, tls12Run)
        var certificate: TLSVerificationReport?
        let chain = main.chain.isEmpty ? tls12.chain : main.chain
        if !chain.isEmpty {
            var request = TLSVerificationRequest(domain: jid.domainpart, chain: Array(pem(chain).utf8))
            request.service = options.service.tlsService
            request.trustAnchors = options.trustAnchors
            request.at = options.at
            certificate = try? await TLSVerifier.verify(request)
        }
        ProbeChecks.assess(
            &report, main: main, legacy: legacy, tls12: tls12, certificate: certificate, directTLS: endpoint.directTLS)
        return report
    }

    static func pem(_ chain: [[UInt8]]) -> String {
        chain.map { der in
            let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
            return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
        }.joined()
    }
}

extension ProbeUnreachable {
    init(_ unreachable: SessionResult.Unreachable) {
        switch unreachable {
        case .refused(let message): self.init(kind: .refused, message: message)
        case .timedOut(let message): self.init(kind: .timedOut, message: message)
        case .notXMPP(let message): self.init(kind: .notXMPP, message: message)
        }
    }
}
