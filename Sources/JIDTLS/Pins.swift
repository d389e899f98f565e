public import Foundation
public import JIDCore

/// What was seen of a server's certificate once (RFC 7590 §3.6: tell people when it changes).
public struct PinObservation: Sendable, Hashable {
    public let domain: String
    /// `xmpp-client` or `xmpp-server`.
    public let service: String
    /// SHA-256 of the end-entity certificate (DER), lower-case hex.
    public let certificateSHA256: String
    /// SHA-256 of its SubjectPublicKeyInfo (DER), lower-case hex.
    public let spkiSHA256: String
    /// The certificate's notAfter, seconds since 1970.
    public let notAfter: Int64
    /// Whether the chain authenticated the domain when it was seen.
    public let authenticated: Bool
    /// When it was seen, seconds since 1970.
    public let seenAt: Int64

    public init(
        domain: String, service: String, certificateSHA256: String, spkiSHA256: String, notAfter: Int64,
        authenticated: Bool, seenAt: Int64
    ) {
        self.domain = domain
        self.service = service
        self.certificateSHA256 = certificateSHA256
        self.spkiSHA256 = spkiSHA256
        self.notAfter = notAfter
        self.authenticated = authenticated
        self.seenAt = seenAt
    }

    /// The domain a history is kept under: the canonical RFC 7622 domainpart (of a JID, its domainpart); nil
    /// when the text is not a valid address.
    public static func domainKey(_ text: String) -> String? { JID.parse(text).jid?.domainpart }

    /// What a verification saw of the leaf; nil when it holds no certificate.
    public init?(_ report: TLSVerificationReport, seenAt: Date = Date()) {
        guard let leaf = report.chain.first, let fingerprints = report.fingerprints else { return nil }
        // Pins are kept under the canonical domainpart, so `Example.ORG` and `example.org` share a history.
        self.init(
            domain: Self.domainKey(report.domain) ?? report.domain, service: report.service.rawValue,
            certificateSHA256: leaf.sha256,
            spkiSHA256: fingerprints.spkiSha256Hex, notAfter: Int64(leaf.notAfter.timeIntervalSince1970),
            authenticated: report.authenticated, seenAt: Int64(seenAt.timeIntervalSince1970))
    }
}

/// One certificate in a domain's history: first and last seen.
public struct PinRecord: Sendable, Hashable {
    public let observation: PinObservation
    public let firstSeen: Int64
    public let lastSeen: Int64

    public init(observation: PinObservation, firstSeen: Int64, lastSeen: Int64) {
        self.observation = observation
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}

/// How what is seen now relates to what was seen last for the same domain and service.
public enum PinChange: String, Sendable, CaseIterable {
    /// Nothing was recorded before.
    case firstSeen = "first-seen"
    /// The same certificate.
    case unchanged
    /// A new certificate for the same key, authenticated: a routine renewal.
    case renewed
    /// A new key, authenticated: a planned rotation.
    case rotated
    /// A different certificate that does not authenticate the domain: what a man in the middle looks like.
    case changedUnauthenticated = "changed-unauthenticated"

    /// The one rule, for every store. `previous` is the last authenticated certificate recorded for the domain
    /// and service, or the last one when none was ever authenticated: a certificate that once failed does not
    /// become what later ones are measured against, so a return to the known certificate is `unchanged` and each
    /// sighting of an impostor is a failure again.
    public static func classify(previous: PinObservation?, _ now: PinObservation) -> PinChange {
        guard let previous else { return .firstSeen }
        if previous.certificateSHA256 == now.certificateSHA256 { return .unchanged }
        guard now.authenticated else { return .changedUnauthenticated }
        return previous.spkiSHA256 == now.spkiSHA256 ? .renewed : .rotated
    }

    /// Whether the change should alert someone.
    public var isFailure: Bool { self == .changedUnauthenticated }
}

/// What tracking a sighting gave: how it relates to the certificate it was measured against, and that one.
public struct PinOutcome: Sendable, Hashable {
    public let change: PinChange
    /// The pin it was compared with; nil on the first sighting.
    public let previous: PinRecord?

    public init(change: PinChange, previous: PinRecord?) {
        self.change = change
        self.previous = previous
    }
}

extension PinRecord {
    /// One pin as a JSON object: the one writer of this shape (a report's `pin.previous` and the pin history).
    public func write(key: StaticString?, to writer: inout JSONWriter) {
        writer.beginObject(key)
        writer.string("service", observation.service)
        writer.string("sha256", observation.certificateSHA256)
        writer.string("spkiSha256", observation.spkiSHA256)
        writer.string("notAfter", Self.time(observation.notAfter))
        writer.bool("authenticated", observation.authenticated)
        writer.string("firstSeen", Self.time(firstSeen))
        writer.string("lastSeen", Self.time(lastSeen))
        writer.endObject()
    }

    static func time(_ seconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }

    /// A domain's history, newest first, as `{"domain", "pins": [...]}`: `GET /v1/tls/pins/{domain}` and
    /// `jid tls pins --json`.
    public static func historyJSON(domain: String, _ records: [PinRecord]) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("domain", domain)
        writer.beginArray("pins")
        for record in records { record.write(key: nil, to: &writer) }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    /// The history for a person: one line per certificate.
    public static func historyText(domain: String, _ records: [PinRecord]) -> String {
        guard !records.isEmpty else { return "\(domain): no certificates recorded\n" }
        var lines = ["\(domain): \(records.count) certificate\(records.count == 1 ? "" : "s") recorded, newest first"]
        for record in records {
            let observation = record.observation
            lines.append(
                "  \(observation.service)  sha256 \(observation.certificateSHA256)  key \(observation.spkiSHA256.prefix(16))…  "
                    + "\(observation.authenticated ? "authenticated" : "NOT authenticated")  until "
                    + "\(Self.time(observation.notAfter))  seen \(Self.time(record.firstSeen)) – \(Self.time(record.lastSeen))"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension PinOutcome {
    /// The outcome as `{"change", "alert", "previous"}` under `key`.
    public func write(key: StaticString, to writer: inout JSONWriter) {
        writer.beginObject(key)
        writer.string("change", change.rawValue)
        writer.bool("alert", change.isFailure)
        if let previous {
            previous.write(key: "previous", to: &writer)
        } else {
            writer.string("previous", nil)
        }
        writer.endObject()
    }

    /// One line for a person.
    public var text: String {
        let meaning =
            switch change {
            case .firstSeen: "first sighting of this domain's certificate; it is now recorded"
            case .unchanged: "the certificate seen before"
            case .renewed: "a new certificate for the same key, authenticated: a renewal"
            case .rotated: "a new key, authenticated: a rotation"
            case .changedUnauthenticated:
                "a different certificate that does NOT authenticate the domain: what a man in the middle looks like"
            }
        guard let previous else { return "\(change.rawValue) (\(meaning))" }
        return "\(change.rawValue) (\(meaning)); compared with sha256 \(previous.observation.certificateSHA256), seen "
            + "\(PinRecord.time(previous.firstSeen)) – \(PinRecord.time(previous.lastSeen))"
    }
}
