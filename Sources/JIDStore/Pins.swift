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

    /// The one rule, for every store.
    public static func classify(previous: PinObservation?, _ now: PinObservation) -> PinChange {
        guard let previous else { return .firstSeen }
        if previous.certificateSHA256 == now.certificateSHA256 { return .unchanged }
        guard now.authenticated else { return .changedUnauthenticated }
        return previous.spkiSHA256 == now.spkiSHA256 ? .renewed : .rotated
    }

    /// Whether the change should alert someone.
    public var isFailure: Bool { self == .changedUnauthenticated }
}
