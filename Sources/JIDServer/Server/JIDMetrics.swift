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

    /// Counts one parsed address and, when invalid, its first error code.
    func record(_ result: JIDResult) {
        processed.increment()
        guard let code = result.errors.first?.code else { return }
        invalid.increment()
        // Error codes are a fixed, documented set, so the label's cardinality is bounded.
        registry.makeCounter(descriptor: Self.invalidByCode, labels: [("code", code.rawValue)]).increment()
    }

    /// The Prometheus text exposition.
    func render() -> [UInt8] { registry.emitToBuffer() }
}
