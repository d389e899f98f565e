import Foundation
import Hummingbird
import JIDCore
import JIDProbe
import JIDStore
import JIDTLS
import Synchronization

/// `POST /v1/tls/verify`: does a certificate chain authenticate an XMPP domain (RFC 7590, RFC 9525)?
/// `POST /v1/tls/probe`: a live service's STARTTLS, protocol versions and certificate, graded (RFC 7590, RFC 9325).
/// With `"track": true` (admin token) either records the certificate seen (RFC 7590 §3.6);
/// `GET /v1/tls/pins/{domain}` is the history.
struct TLSRoutes {
    let configuration: ServerConfiguration
    let probes: ProbeGate
    /// Where pins are kept; nil when the server runs without a store.
    let store: (any RegistryStore)?
    let adminToken: AdminToken?

    func register(on router: Router<JIDRequestContext>) {
        router.post("/v1/tls/verify") { request, context in
            let body = try await JSONBody.decode(
                TLSVerifyBody.self, request, context, limit: Self.bodyLimit, timeout: configuration.bodyTimeout)
            let pins = body.track ? try tracking(request) : nil
            var report: TLSVerificationReport
            do {
                report = try await TLSVerifier.verify(body.verification)
            } catch let error as TLSVerifier.InputError {
                throw Problem(.invalidParameter, "\(error.description) [\(error.code)]")
            }
            if let pins { report = try await StoreAccess.run { try await pins.track(report) } }
            return Response.json(report.json)
        }
        router.post("/v1/tls/probe") { request, context in try await probe(request, context) }
        router.get("/v1/tls/pins/:domain") { _, context in
            guard let raw = context.parameters.get("domain"),
                let domain = PinObservation.domainKey(raw.removingPercentEncoding ?? raw)
            else {
                throw Problem(.invalidParameter, "The path names no valid domain: /v1/tls/pins/{domain}.")
            }
            guard let store else {
                throw Problem(
                    .notFound, "This server keeps no certificate pins: it runs without --state-dir or --database.")
            }
            let records = try await StoreAccess.run { try await store.pins(domain: domain) }
            return Response.json(PinRecord.historyJSON(domain: domain, records))
        }
    }

    /// The store for a tracked request: the admin token is required (a recorded certificate is what later ones
    /// are measured against), and a store must be configured.
    private func tracking(_ request: Request) throws -> any RegistryStore {
        try AdminToken.require(adminToken, request.headers, for: "Tracked verifications and probes")
        guard let store else { throw Self.noStore }
        return store
    }

    static let noStore = Problem(
        .invalidParameter, "This server keeps no certificate pins: it runs without --state-dir or --database.")

    /// A probe connects out, so it is guarded: public addresses only (unless the operator allows private ones),
    /// resolved once and connected to as resolved (no DNS rebinding), a rate per client, a cap on probes at
    /// once, and reports reused for a while.
    private func probe(_ request: Request, _ context: JIDRequestContext) async throws -> Response {
        try probes.limiter.enforce(context, "probes")
        let body = try await JSONBody.decode(
            TLSProbeBody.self, request, context, limit: configuration.bodyLimit, timeout: configuration.bodyTimeout)
        var options = body.options
        let pins = body.track ? try tracking(request) : nil
        configuration.applyProbeSettings(to: &options)
        let key = ProbeGate.Key(
            domain: options.domain, service: options.service.rawValue, connect: options.connect?.description,
            directTLS: options.directTLS)
        // A tracked probe looks now and is not shared: its report carries the pin.
        if pins == nil, let cached = probes.cached(key) { return Response.json(cached) }
        guard probes.enter() else {
            var headers = HTTPFields()
            headers[.retryAfter] = "5"
            throw Problem(
                .tooManyRequests, "\(configuration.probeConcurrency) probes are running; try again in a few seconds.",
                headers: headers)
        }
        defer { probes.leave() }
        var report: XMPPProbeReport
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
        if let pins, let certificate = report.certificate {
            report.certificate = try await StoreAccess.run { try await pins.track(certificate) }
            return Response.json(report.json)
        }
        let json = report.json
        if pins == nil { probes.store(key, json) }
        return Response.json(json)
    }

    /// Chains and their anchors are a few kilobytes of PEM; a request may carry up to 1 MiB of them.
    static let bodyLimit = 1 << 20
}

extension ServerConfiguration {
    /// The server's probe settings (step timeout, name server, trust anchors, public addresses only unless
    /// allowed): the one place the probe route and the watch list take them from. Trust anchors are the
    /// operator's, so a request cannot choose them.
    func applyProbeSettings(to options: inout XMPPProbeOptions) {
        options.timeout = .seconds(probeTimeout)
        options.dnsServer = probeDNSServer.flatMap(DNSServer.init)
        options.trustAnchors = probeTrustAnchors
        if !probeAllowPrivate {
            options.addressPolicy = { address in
                PublicAddress.refusal(address).map { "\($0), and this service probes public addresses only" }
            }
        }
    }
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
