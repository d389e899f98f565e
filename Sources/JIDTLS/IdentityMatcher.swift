import JIDCore

/// Compares the identifiers a certificate presents with those built from the domain (RFC 9525 §6.3–6.5,
/// RFC 6125 §6.4–6.5, RFC 6120 §13.7.1.4): one function per identifier type.
public struct IdentityMatcher: Sendable {
    public let reference: ReferenceIdentifiers
    public let policy: IdentityPolicy

    public init(reference: ReferenceIdentifiers, policy: IdentityPolicy) {
        self.reference = reference
        self.policy = policy
    }

    /// The first match, in the order DNS-ID, SRV-ID, XmppAddr, IP-ID, CN-ID.
    public struct Match: Sendable, Equatable {
        public let type: IdentifierType
        public let presented: String
        public let reference: String
    }

    /// What the comparison noticed on the way: identifiers that can never match, and why.
    public struct Note: Sendable, Equatable {
        public let id: String
        public let message: String
        public var rfc = "RFC 9525 §6.3"
    }

    public func match(_ presented: PresentedIdentifiers) -> (match: Match?, notes: [Note]) {
        var notes: [Note] = []
        var found: Match?
        func consider(_ match: Match?) { if found == nil { found = match } }
        if let dnsID = reference.dnsID {
            for value in presented.dnsIDs {
                if matchesDNS(presented: value, reference: dnsID, notes: &notes) {
                    consider(Match(type: .dnsID, presented: value, reference: dnsID))
                }
            }
        }
        if let srvID = reference.srvID, let dnsID = reference.dnsID {
            for value in presented.srvIDs {
                // "_Service.Name": the service label compared case-insensitively, the name as a DNS-ID.
                let parts = value.split(separator: ".", maxSplits: 1)
                guard parts.count == 2, parts[0].hasPrefix("_") else {
                    notes.append(
                        Note(id: "identity.srv-id-malformed", message: "SRV-ID '\(value)' is not _Service.Name."))
                    continue
                }
                if parts[0].lowercased() == "_" + reference.service.rawValue,
                    matchesDNS(presented: String(parts[1]), reference: dnsID, notes: &notes)
                {
                    consider(Match(type: .srvID, presented: value, reference: srvID))
                }
            }
        }
        for value in presented.xmppAddrs {
            switch JID.parse(value).jid {
            case nil:
                notes.append(
                    Note(
                        id: "identity.xmppaddr-invalid",
                        message: "XmppAddr '\(value)' is not a valid RFC 7622 address, so it identifies nothing.",
                        rfc: "RFC 6120 §13.7.1.4, RFC 7622"))
            case let jid? where jid.localpart != nil || jid.resourcepart != nil:
                notes.append(
                    Note(
                        id: "identity.xmppaddr-account",
                        message: "XmppAddr '\(value)' names an account (it has a localpart or resource), not this "
                            + "server; it never authenticates a domain.", rfc: "RFC 6120 §13.7.1.4"))
            case let jid?:
                // Both sides enforced as RFC 7622 domainparts, compared as their canonical UTF-8 bytes.
                if Array(jid.domainpart.utf8) == Array(reference.xmppAddr.utf8) {
                    consider(Match(type: .xmppAddr, presented: value, reference: reference.xmppAddr))
                }
            }
        }
        if let address = reference.ipAddress {
            for (bytes, text) in presented.ipIDs where bytes == address {
                consider(Match(type: .ipID, presented: text, reference: reference.xmppAddr))
            }
        }
        if !presented.cnIDs.isEmpty {
            if policy == .rfc9525 {
                notes.append(
                    Note(
                        id: "identity.cn-ignored",
                        message: "The subject common name (\(presented.cnIDs.joined(separator: ", "))) is not used: "
                            + "RFC 9525 §6.3 relies on subjectAltName only."))
            } else if presented.hasSupportedSubjectAltName {
                notes.append(
                    Note(
                        id: "identity.cn-ignored",
                        message: "The subject common name is not used because the certificate has a subjectAltName.",
                        rfc: "RFC 6125 §6.4.4"))
            } else if let dnsID = reference.dnsID {
                for value in presented.cnIDs where matchesDNS(presented: value, reference: dnsID, notes: &notes) {
                    consider(Match(type: .cnID, presented: value, reference: dnsID))
                }
            }
        }
        return (found, notes)
    }

    /// DNS-ID comparison: ASCII case-insensitive, one trailing dot ignored, a wildcard only as described below.
    func matchesDNS(presented raw: String, reference: String, notes: inout [Note]) -> Bool {
        var presented = raw.lowercased()
        if presented.hasSuffix(".") { presented.removeLast() }
        guard presented.utf8.allSatisfy({ $0 < 0x80 }) else {
            notes.append(
                Note(
                    id: "identity.dns-id-not-ascii",
                    message: "DNS-ID '\(raw)' is not in A-labels (RFC 9525 §6.3 compares A-labels); it never matches."))
            return false
        }
        guard presented.contains("*") else { return presented == reference }
        let labels = presented.split(separator: ".", omittingEmptySubsequences: false)
        let referenceLabels = reference.split(separator: ".", omittingEmptySubsequences: false)
        // The wildcard stands for exactly one label, never in the last two (`*.com`), never in later labels.
        guard labels.count >= 3, labels.count == referenceLabels.count,
            labels.dropFirst().allSatisfy({ !$0.contains("*") }),
            labels.dropFirst().elementsEqual(referenceLabels.dropFirst())
        else {
            if labels.count < 3 || labels.dropFirst().contains(where: { $0.contains("*") }) {
                notes.append(
                    Note(
                        id: "identity.wildcard-ignored",
                        message: "Wildcard DNS-ID '\(raw)' is not allowed and is ignored."))
            }
            return false
        }
        let first = labels[0]
        if first == "*" { return true }
        // A partial-label wildcard (f*.example.com): RFC 6125 §6.4.3 allows it, RFC 9525 §6.3 does not, and
        // neither inside an A-label.
        guard policy == .rfc6125, !first.hasPrefix("xn--"), !referenceLabels[0].hasPrefix("xn--"),
            first.filter({ $0 == "*" }).count == 1
        else {
            notes.append(
                Note(
                    id: "identity.wildcard-ignored",
                    message: "Partial-label wildcard DNS-ID '\(raw)' is ignored"
                        + (policy == .rfc9525 ? " under RFC 9525 §6.3." : " (never inside an A-label).")))
            return false
        }
        let star = first.firstIndex(of: "*")!
        let prefix = first[..<star]
        let suffix = first[first.index(after: star)...]
        let label = referenceLabels[0]
        return label.count >= prefix.count + suffix.count && label.hasPrefix(prefix) && label.hasSuffix(suffix)
    }
}
