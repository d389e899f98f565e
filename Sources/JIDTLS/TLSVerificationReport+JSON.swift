import Foundation
public import JIDCore

extension TLSVerificationReport {
    /// The report as one JSON object: the one writer of this contract (CLI `--json` and `POST /v1/tls/verify`).
    public var json: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("verdict", verdict.rawValue)
        writer.bool("authenticated", authenticated)
        writer.string("domain", domain)
        writer.string("service", service.rawValue)
        writer.string("policy", policy.rawValue)
        writer.string("at", at.formatted(.iso8601))
        if let matched {
            writer.beginObject("matched")
            writer.string("type", matched.type.rawValue)
            writer.string("presented", matched.presented)
            writer.string("reference", matched.reference)
            writer.endObject()
        } else {
            writer.string("matched", nil)
        }
        writer.beginArray("presented")
        for identifier in presented {
            writer.beginObject()
            writer.string("type", identifier.type.rawValue)
            writer.string("value", identifier.value)
            writer.endObject()
        }
        writer.endArray()
        writer.beginArray("chain")
        for certificate in chain {
            writer.beginObject()
            writer.string("subject", certificate.subject)
            writer.string("issuer", certificate.issuer)
            writer.string("notBefore", certificate.notBefore.formatted(.iso8601))
            writer.string("notAfter", certificate.notAfter.formatted(.iso8601))
            writer.integer("daysLeft", Int(certificate.notAfter.timeIntervalSince(at) / 86_400))
            writer.string("key", certificate.key)
            writer.integer("keyBits", certificate.keyBits)
            writer.string("signatureAlgorithm", certificate.signatureAlgorithm)
            writer.string("sha256", certificate.sha256)
            writer.endObject()
        }
        writer.endArray()
        if let fingerprints {
            writer.beginObject("fingerprints")
            writer.string("sha256", fingerprints.sha256)
            writer.string("sha256Base64", fingerprints.sha256Base64)
            writer.string("spkiSha256", fingerprints.spkiSha256)
            writer.string("tlsa", fingerprints.tlsa)
            writer.endObject()
        } else {
            writer.string("fingerprints", nil)
        }
        TLSCheck.write(checks, key: "checks", to: &writer)
        if let pin { pin.write(key: "pin", to: &writer) }
        writer.endObject()
        return writer.bytes
    }

    /// The report for a person: the verdict, what matched, the chain, the fingerprints and every check.
    public var text: String {
        var lines = ["\(verdict.rawValue)  \(domain) (\(service.rawValue), \(policy.rawValue))"]
        if let matched {
            lines.append("  matched: \(matched.type.rawValue) '\(matched.presented)' = '\(matched.reference)'")
        }
        lines.append(
            "  presented: "
                + (presented.isEmpty
                    ? "none" : presented.map { "\($0.type.rawValue) \($0.value)" }.joined(separator: ", ")))
        for (index, certificate) in chain.enumerated() {
            lines.append(
                "  [\(index + 1)] \(certificate.subject)  (issuer \(certificate.issuer); \(certificate.key) "
                    + "\(certificate.keyBits); \(certificate.signatureAlgorithm); until "
                    + "\(certificate.notAfter.formatted(.iso8601)))")
        }
        if let fingerprints {
            lines.append("  sha256: \(fingerprints.sha256)")
            lines.append("  spki pin (sha256, base64): \(fingerprints.spkiSha256)")
            let port = service == .client ? 5222 : 5269
            lines.append("  DANE: _\(port)._tcp.\(domain). IN TLSA \(fingerprints.tlsa)")
        }
        for check in checks { lines.append("  \(check.status.rawValue)  \(check.id): \(check.message) [\(check.rfc)]") }
        if let pin { lines.append("  pin: " + pin.text) }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension TLSCheck {
    /// The checks as a JSON array of `{id, status, rfc, message}`: the one writer of that shape, for the verifier's
    /// report and the probe's.
    public static func write(_ checks: [TLSCheck], key: StaticString, to writer: inout JSONWriter) {
        writer.beginArray(key)
        for check in checks {
            writer.beginObject()
            writer.string("id", check.id)
            writer.string("status", check.status.rawValue)
            writer.string("rfc", check.rfc)
            writer.string("message", check.message)
            writer.endObject()
        }
        writer.endArray()
    }
}
