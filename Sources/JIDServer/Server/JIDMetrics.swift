public import JIDCore
public import Prometheus
import Synchronization

/// The service's own metrics, next to Hummingbird's per-route request counts and latencies.
public final class JIDMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    private let processed: Counter
    private let invalid: Counter
    /// `jid_invalid_by_code_total`'s counters by code, made on a code's first error (so /metrics lists only codes
    /// seen): the registry's own lookup validates and hashes the name and labels at every call.
    private let byCode = Mutex<[String: Counter]>([:])

    private static var invalidByCode: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "jid_invalid_by_code", unitName: "total",
            helpText: "Invalid addresses by the code of their first error.")
    }

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        processed = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                metricName: "jid_processed", unitName: "total", helpText: "Addresses parsed and enforced."))
        invalid = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                metricName: "jid_invalid", unitName: "total",
                helpText: "Invalid addresses (see jid_invalid_by_code_total)."))
    }

    /// What a run of addresses (a batch's chunk) found, counted where they are parsed and recorded at once.
    struct Tally {
        fileprivate(set) var processed = 0
        /// Invalid addresses by the code of their first error.
        fileprivate var invalid: [String: Int] = [:]

        /// Counts one parsed address and, when invalid, its first error code.
        mutating func count(_ result: JIDResult) {
            processed += 1
            guard let code = result.errors.first?.code else { return }
            invalid[code.rawValue, default: 0] += 1
        }

        /// Counts one parsed address known to be valid.
        mutating func countValid() { processed += 1 }
    }

    /// Records a run's tally: one update of each shared counter, not one a line.
    func record(_ tally: Tally) {
        if tally.processed > 0 { processed.increment(by: Int64(tally.processed)) }
        guard !tally.invalid.isEmpty else { return }
        invalid.increment(by: Int64(tally.invalid.values.reduce(0, +)))
        for (code, count) in tally.invalid { counter(code: code).increment(by: Int64(count)) }
    }

    /// Counts one parsed address and, when invalid, its first error code.
    func record(_ result: JIDResult) {
        processed.increment()
        guard let code = result.errors.first?.code else { return }
        invalid.increment()
        counter(code: code.rawValue).increment()
    }

    /// The counter of one error code. Error codes are a fixed, documented set, so the label's cardinality is
    /// bounded.
    private func counter(code: String) -> Counter {
        if let counter = byCode.withLock({ $0[code] }) { return counter }
        let counter = registry.makeCounter(descriptor: Self.invalidByCode, labels: [("code", code)])
        byCode.withLock { $0[code] = counter }
        return counter
    }

    /// What a watched probe found: `jid_tls_grade` (4 A, 3 B, 2 T, 1 F, 0 unreachable),
    /// `jid_tls_certificate_expiry_seconds` (the leaf's notAfter as Unix time, kept from the last probe that saw
    /// one) and `jid_tls_last_probe_seconds` (when it ran). The watch list's size bounds the labels.
    func watched(domain: String, service: String, grade: Int, expiry: Double?, at time: Double) {
        let labels = [("domain", domain), ("service", service)]
        registry.makeGauge(
            name: "jid_tls_grade", labels: labels,
            help: "TLS grade of a watched domain from the last probe: 4 A, 3 B, 2 T, 1 F, 0 unreachable."
        ).set(Double(grade))
        if let expiry {
            registry.makeGauge(
                name: "jid_tls_certificate_expiry_seconds", labels: labels,
                help: "The watched domain's certificate notAfter, as Unix time (alert on it minus time())."
            ).set(expiry)
        }
        registry.makeGauge(
            name: "jid_tls_last_probe_seconds", labels: labels,
            help: "When the watched domain was last probed (Unix time)."
        ).set(time)
    }

    /// Counts a certificate change of a watched domain (`jid_tls_pin_changes_total` by change); `by: 0` creates the
    /// series so that increase() works from the first change.
    func pinChanged(domain: String, service: String, change: String, by amount: Int64 = 1) {
        registry.makeCounter(
            name: "jid_tls_pin_changes_total", labels: [("domain", domain), ("service", service), ("change", change)],
            help: "Certificate changes seen by the watch list: renewed, rotated, changed-unauthenticated."
        ).increment(by: amount)
    }

    /// The Prometheus text exposition.
    func render() -> [UInt8] { registry.emitToBuffer() }
}
