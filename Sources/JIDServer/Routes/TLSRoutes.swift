import Foundation
import Hummingbird
import JIDCore
import JIDProbe
import JIDTLS
import Synchronization

/// `POST /v1/tls/verify`: does a certificate chain authenticate an XMPP domain (RFC 7590, RFC 9525)?
/// `POST /v1/tls/probe`: a live service's STARTTLS, protocol versions and certificate, graded (RFC 7590, RFC 9325).
struct TLSRoutes {
    let configuration: ServerConfiguration
    let probes: ProbeGate

    func register(on router: Router<JIDRequestContext>) {
        router.post("/v1/tls/verify") { request, context in
            let verification = try await JSONBody.decode(
                TLSVerifyBody.self, request, context, limit: Self.bodyLimit, timeout: configuration.bodyTimeout
            ).verification
            do {
                return Response.json(try await TLSVerifier.verify(verification).json)
            } catch let error as TLSVerifier.InputError {
                throw Problem(.invalidParameter, "\(error.description) [\(error.code)]")
            }
        }
        router.post("/v1/tls/probe") { request, context in try await probe(request, context) }
    }

    /// A probe connects out, so it is guarded: public addresses only (unless the operator allows private ones),
    /// resolved once and connected to as resolved (no DNS rebinding), a rate per client, a cap on probes at
    /// once, and reports reused for a while.
    private func probe(_ request: Request, _ context: JIDRequestContext) async throws -> Response {
        try probes.limiter.enforce(context, "probes")
        var options = try await JSONBody.decode(
            TLSProbeBody.self, request, context, limit: configuration.bodyLimit, timeout: configuration.bodyTimeout
        ).options
        options.timeout = .seconds(configuration.probeTimeout)
        options.dnsServer = configuration.probeDNSServer.flatMap(DNSServer.init)
        if !configuration.probeAllowPrivate {
            options.addressPolicy = { address in
                PublicAddress.refusal(address).map { "\($0), and this service probes public addresses only" }
            }
        }
        let key = ProbeGate.Key(
            domain: options.domain, service: options.service.rawValue, connect: options.connect?.description,
            directTLS: options.directTLS)
        if let cached = probes.cached(key) { return Response.json(cached) }
        guard probes.enter() else {
            var headers = HTTPFields()
            headers[.retryAfter] = "5"
            throw Problem(
                .tooManyRequests, "\(configuration.probeConcurrency) probes are running; try again in a few seconds.",
                headers: headers)
        }
        defer { probes.leave() }
        let report: XMPPProbeReport
        do {
            report = try await XMPPProbe.run(options)
        } catch {
            throw Problem(.invalidParameter, error.description)
        }
        if let unreachable = report.unreachable, unreachable.kind == .forbidden,
            report.targets.allSatisfy({ $0.unreachable?.kind == .forbidden })
        {
            throw Problem(.targetNotAllowed, unreachable.message)
        }
        let json = report.json
        probes.store(key, json)
        return Response.json(json)
    }

    /// Chains and their anchors are a few kilobytes of PEM; a request may carry up to 1 MiB of them.
    static let bodyLimit = 1 << 20
}

/// What the probe route shares between requests: the per-client rate, the probes running, recent reports.
final class ProbeGate: Sendable {
    struct Key: Hashable, Sendable {
        var domain: String
        var service: String
        var connect: String?
        var directTLS: Bool
    }

    static let maximumCached = 1024
    let limiter: ClientRateLimiter
    private let concurrency: Int
    private let cacheNanoseconds: UInt64
    private let running = Mutex(0)
    private let cache = Mutex<[Key: (json: [UInt8], stored: UInt64)]>([:])

    init(configuration: ServerConfiguration) {
        limiter = ClientRateLimiter(perMinute: configuration.probeRate)
        concurrency = configuration.probeConcurrency
        cacheNanoseconds = UInt64(configuration.probeCacheSeconds) * 1_000_000_000
    }

    func enter() -> Bool {
        running.withLock { count in
            guard count < concurrency else { return false }
            count += 1
            return true
        }
    }

    func leave() { running.withLock { $0 -= 1 } }

    func cached(_ key: Key, now: UInt64 = DispatchTime.now().uptimeNanoseconds) -> [UInt8]? {
        guard cacheNanoseconds > 0 else { return nil }
        return cache.withLock { table in
            guard let entry = table[key], now &- entry.stored < cacheNanoseconds else { return nil }
            return entry.json
        }
    }

    func store(_ key: Key, _ json: [UInt8], now: UInt64 = DispatchTime.now().uptimeNanoseconds) {
        guard cacheNanoseconds > 0 else { return }
        cache.withLock { table in
            if table.count >= Self.maximumCached {
                table = table.filter { now &- $0.value.stored < cacheNanoseconds }
                if table.count >= Self.maximumCached { table.removeAll() }
            }
            table[key] = (json, now)
        }
    }
}
