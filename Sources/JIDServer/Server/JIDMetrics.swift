public import JIDCore
public import Prometheus

/// The service's own metrics, next to Hummingbird's per-route request counts and latencies.
public final class JIDMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    private let processed: Counter
    private let invalid: Counter

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

    /// Counts parsed addresses given at once (a batch's chunk): one update of the shared counter, not one a line.
    func record(processed count: Int) {
        if count > 0 { processed.increment(by: Int64(count)) }
    }

    /// Counts an invalid address of a chunk counted with ``record(processed:)``: its first error code.
    func recordInvalid(_ result: JIDResult) {
        guard let code = result.errors.first?.code else { return }
        invalid.increment()
        registry.makeCounter(descriptor: Self.invalidByCode, labels: [("code", code.rawValue)]).increment()
    }

    /// Counts one parsed address and, when invalid, its first error code.
    func record(_ result: JIDResult) {
        processed.increment()
        guard let code = result.errors.first?.code else { return }
        invalid.increment()
        // Error codes are a fixed, documented set, so the label's cardinality is bounded.
        registry.makeCounter(descriptor: Self.invalidByCode, labels: [("code", code.rawValue)]).increment()
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
