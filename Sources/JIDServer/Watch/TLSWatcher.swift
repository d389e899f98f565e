import Foundation
public import JIDProbe
public import JIDStore
import JIDTLS
public import Logging

/// Probes the watch list (``WatchList``) on an interval, records each certificate as a pin (RFC 7590 §3.6) and
/// exports what it found in `/metrics`. Among replicas sharing a PostgreSQL store, only the one holding the watch
/// lock probes; the others wait and take over when it goes.
public final class TLSWatcher: Sendable {
    let targets: [WatchTarget]
    let store: any RegistryStore
    let metrics: JIDMetrics
    let logger: Logger
    let interval: Duration
    let concurrency: Int
    /// The probe options for a target: timeouts, name server, trust anchors and address policy of the server.
    let options: @Sendable (WatchTarget) -> XMPPProbeOptions

    /// The lock replicas share ("jid-service tls watch").
    static let lock = "jid-service tls watch"

    public init(
        targets: [WatchTarget], store: any RegistryStore, metrics: JIDMetrics, logger: Logger, interval: Duration,
        concurrency: Int, options: @escaping @Sendable (WatchTarget) -> XMPPProbeOptions
    ) {
        self.targets = targets
        self.store = store
        self.metrics = metrics
        self.logger = logger
        self.interval = interval
        self.concurrency = max(1, concurrency)
        self.options = options
        for target in targets {
            for change in [PinChange.renewed, .rotated, .changedUnauthenticated] {
                metrics.pinChanged(domain: target.domain, service: target.serviceLabel, change: change.rawValue, by: 0)
            }
        }
    }

    /// Probes until cancelled: while this process holds the watch lock, a round every interval (±10%); otherwise
    /// it asks again every 30 seconds (or each interval, when shorter).
    public func run() async {
        let retry = min(interval, .seconds(30))
        while !Task.isCancelled {
            do {
                let led = try await store.whileHolding(Self.lock) { stillHeld in await self.lead(stillHeld) }
                if !led { logger.debug("another replica probes the watch list") }
            } catch {
                logger.warning("the watch list waits for the store", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: retry)
        }
    }

    private func lead(_ stillHeld: @Sendable () async -> Bool) async {
        logger.info("probing the watch list", metadata: ["domains": "\(targets.count)", "every": "\(interval)"])
        while !Task.isCancelled {
            guard await stillHeld() else {
                logger.warning("the watch lock was lost with its database connection")
                return
            }
            await round()
            let factor = Double.random(in: 0.9...1.1)
            do { try await Task.sleep(for: interval * factor) } catch { return }
        }
    }

    /// Probes every target once, at most `concurrency` at a time, in a random order.
    public func round() async {
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for target in targets.shuffled() {
                if Task.isCancelled { break }
                if running == concurrency {
                    await group.next()
                    running -= 1
                }
                group.addTask { await self.probe(target) }
                running += 1
            }
        }
    }

    /// Probes one target, records its certificate and updates its metrics.
    func probe(_ target: WatchTarget) async {
        let now = Date()
        let report: XMPPProbeReport
        do {
            report = try await XMPPProbe.run(options(target))
        } catch {
            logger.error(
                "a watched domain cannot be probed", metadata: ["domain": "\(target.domain)", "error": "\(error)"])
            return
        }
        let grade: Int =
            switch report.grade {
            case .A?: 4
            case .B?: 3
            case .T?: 2
            case .F?: 1
            case nil: 0
            }
        let leaf = report.certificate?.chain.first
        metrics.watched(
            domain: target.domain, service: target.serviceLabel, grade: grade,
            expiry: leaf.map { $0.notAfter.timeIntervalSince1970 }, at: now.timeIntervalSince1970)
        guard let certificate = report.certificate, let observation = PinObservation(certificate, seenAt: now) else {
            if let unreachable = report.unreachable {
                logger.warning(
                    "a watched domain did not answer",
                    metadata: [
                        "domain": "\(target.domain)", "service": "\(target.serviceLabel)",
                        "why": "\(unreachable.message)",
                    ])
            }
            return
        }
        do {
            let outcome = try await store.recordPin(observation)
            guard outcome.change != .firstSeen && outcome.change != .unchanged else { return }
            metrics.pinChanged(domain: target.domain, service: target.serviceLabel, change: outcome.change.rawValue)
            let metadata: Logger.Metadata = [
                "domain": "\(target.domain)", "service": "\(target.serviceLabel)",
                "change": "\(outcome.change.rawValue)",
                "sha256": "\(observation.certificateSHA256)",
            ]
            if outcome.change.isFailure {
                logger.error(
                    "a watched domain presents a certificate that does not authenticate it", metadata: metadata)
            } else {
                logger.notice("a watched domain's certificate changed", metadata: metadata)
            }
        } catch {
            logger.warning(
                "a pin could not be recorded", metadata: ["domain": "\(target.domain)", "error": "\(error)"])
        }
    }
}
