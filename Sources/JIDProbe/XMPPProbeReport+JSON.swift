import Foundation
public import JIDCore
import JIDTLS

extension XMPPProbeReport {
    /// The report as one JSON object: the one writer of this contract (CLI `--json` and `POST /v1/tls/probe`).
    public var json: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("domain", domain)
        writer.string("service", service.rawValue)
        writer.string("grade", grade?.rawValue)
        if let unreachable {
            writer.beginObject("unreachable")
            writer.string("kind", unreachable.kind.rawValue)
            writer.string("message", unreachable.message)
            writer.endObject()
        } else {
            writer.string("unreachable", nil)
        }
        Self.write(endpoint, key: "endpoint", to: &writer)
        TLSCheck.write(checks, key: "checks", to: &writer)
        writer.beginObject("starttls")
        Self.optionalBool("advertised", starttlsAdvertised, to: &writer)
        Self.optionalBool("required", starttlsRequired, to: &writer)
        writer.bool("negotiated", tlsNegotiated)
        writer.endObject()
        writer.beginObject("tls")
        writer.string("version", tlsVersion)
        writer.string("cipher", cipher)
        writer.string("group", group)
        writer.string("alpn", alpn)
        writer.endObject()
        writer.beginObject("sasl")
        writer.beginArray("beforeTLS")
        for mechanism in mechanismsBeforeTLS { writer.string(nil, mechanism) }
        writer.endArray()
        writer.beginArray("afterTLS")
        for mechanism in mechanismsAfterTLS { writer.string(nil, mechanism) }
        writer.endArray()
        writer.bool("channelBinding", mechanismsAfterTLS.contains { $0.hasSuffix("-PLUS") })
        writer.endObject()
        writer.string("streamError", streamError)
        if let certificate {
            writer.raw("certificate", certificate.json)
        } else {
            writer.string("certificate", nil)
        }
        writer.beginArray("targets")
        for target in targets {
            writer.beginObject()
            Self.write(target.endpoint, key: "endpoint", to: &writer)
            writer.string("grade", target.grade?.rawValue)
            writer.string("unreachable", target.unreachable.map { "\($0.kind.rawValue): \($0.message)" })
            writer.endObject()
        }
        writer.endArray()
        writer.integer("elapsedMs", Int(elapsedMilliseconds))
        writer.endObject()
        return writer.bytes
    }

    var elapsedMilliseconds: Int64 {
        elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }

    private static func optionalBool(_ key: StaticString, _ value: Bool?, to writer: inout JSONWriter) {
        if let value { writer.bool(key, value) } else { writer.string(key, nil) }
    }

    private static func write(_ endpoint: ProbeEndpoint?, key: StaticString, to writer: inout JSONWriter) {
        guard let endpoint else { return writer.string(key, nil) }
        writer.beginObject(key)
        writer.string("host", endpoint.host)
        writer.integer("port", endpoint.port)
        writer.string("address", endpoint.address)
        writer.bool("directTLS", endpoint.directTLS)
        writer.endObject()
    }

    /// The report for people: the grade, then each check.
    public var text: String {
        var lines: [String] = []
        let where_ = endpoint.map { " at \($0.description)" + ($0.address.map { " (\($0))" } ?? "") } ?? ""
        if let grade {
            lines.append("\(domain) (\(service.rawValue))\(where_): grade \(grade.rawValue)")
        } else {
            lines.append("\(domain) (\(service.rawValue)): not graded")
        }
        if let unreachable { lines.append("  unreachable (\(unreachable.kind.rawValue)): \(unreachable.message)") }
        if tlsNegotiated {
            lines.append(
                "  TLS: "
                    + [tlsVersion, cipher, group, alpn.map { "ALPN \($0)" }].compactMap { $0 }.joined(separator: ", "))
        }
        for check in checks {
            lines.append(
                "  \(check.status.rawValue.uppercased().padding(toLength: 4, withPad: " ", startingAt: 0)) \(check.id) (\(check.rfc)): \(check.message)"
            )
        }
        if targets.count > 1 {
            lines.append("  endpoints:")
            for target in targets {
                lines.append(
                    "    \(target.endpoint.description)\(target.endpoint.directTLS ? " (direct TLS)" : ""): "
                        + (target.grade.map { "grade \($0.rawValue)" } ?? target.unreachable.map {
                            "\($0.kind.rawValue): \($0.message)"
                        } ?? ""))
            }
        }
        lines.append("  \(elapsedMilliseconds) ms")
        return lines.joined(separator: "\n") + "\n"
    }
}
