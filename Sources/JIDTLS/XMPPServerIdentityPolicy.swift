public import SwiftASN1
public import X509

/// The identity rule as a swift-certificates `VerifierPolicy`, for callers that verify with a `Verifier` of their
/// own (a TLS handshake's custom verification, say): the leaf must present an identifier that ``IdentityMatcher``
/// matches with the reference identifiers. ``TLSVerifier`` uses the matcher directly, to report what matched.
public struct XMPPServerIdentityPolicy: VerifierPolicy {
    public let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = []
    public let matcher: IdentityMatcher

    public init(reference: ReferenceIdentifiers, policy: IdentityPolicy = .rfc9525) {
        matcher = IdentityMatcher(reference: reference, policy: policy)
    }

    public func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) async -> PolicyEvaluationResult {
        guard matcher.match(PresentedIdentifiers(chain.leaf)).match != nil else {
            let domain = matcher.reference.xmppAddr
            return .failsToMeetPolicy(reason: "no presented identifier matches the XMPP domain \(domain)")
        }
        return .meetsPolicy
    }
}
