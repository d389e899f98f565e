import Crypto
public import Foundation
public import JIDCore
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509
import _CryptoExtras

/// What to verify: a certificate chain, the domain it should authenticate, and how.
public struct TLSVerificationRequest: Sendable {
    /// The domain (or a JID whose domainpart is taken).
    public var domain: String
    /// The chain as the server sends it, leaf first: PEM blocks or one DER certificate.
    public var chain: [UInt8]
    /// Trust anchors (PEM or DER); nil for the system bundle.
    public var trustAnchors: [UInt8]?
    public var service: XMPPService = .client
    public var policy: IdentityPolicy = .rfc9525
    /// The instant the chain must be valid at. Default: now.
    public var at = Date()

    public init(domain: String, chain: [UInt8]) {
        self.domain = domain
        self.chain = chain
    }

    /// Where the system's trust anchors are (Debian's ca-certificates bundle).
    public static let systemTrustAnchors = "/etc/ssl/certs/ca-certificates.crt"
}

/// The outcome, in order of precedence (the first that applies).
public enum TLSVerdict: String, Sendable, CaseIterable {
    case malformed, untrusted, expired
    case notYetValid = "not-yet-valid"
    case identityMismatch = "identity-mismatch"
    case weak, authenticated
}

/// One check with the RFC section it rests on and a message an operator can act on.
public struct TLSCheck: Sendable, Equatable {
    public enum Status: String, Sendable { case pass, warn, fail, info }
    public let id: String
    public let status: Status
    public let rfc: String
    public let message: String

    public init(id: String, status: Status, rfc: String, message: String) {
        self.id = id
        self.status = status
        self.rfc = rfc
        self.message = message
    }
}

/// Everything `jid tls verify` and `POST /v1/tls/verify` report.
public struct TLSVerificationReport: Sendable {
    public let verdict: TLSVerdict
    public let domain: String
    public let service: XMPPService
    public let policy: IdentityPolicy
    public let at: Date
    public let matched: IdentityMatcher.Match?
    public let presented: [PresentedIdentifier]
    /// The certificates given (leaf first), described.
    public let chain: [CertificateSummary]
    public let fingerprints: Fingerprints?
    public let checks: [TLSCheck]
    /// How the leaf relates to the pins recorded for the domain, when the caller tracks them (RFC 7590 §3.6).
    public var pin: PinOutcome?

    public var authenticated: Bool { verdict == .authenticated }
}

/// A certificate as the report shows it.
public struct CertificateSummary: Sendable {
    public let subject: String
    public let issuer: String
    public let notBefore: Date
    public let notAfter: Date
    public let key: String
    public let keyBits: Int
    public let signatureAlgorithm: String
    public let sha256: String
}

/// The verification (RFC 7590 §3.4–3.5, RFC 6120 §13.7.2, RFC 9525): chain to a trust anchor with swift-certificates'
/// RFC 5280 policy, validity at an instant, the identity by ``IdentityMatcher``, then key and signature strength
/// (RFC 9325 §4.5, RFC 9155).
public enum TLSVerifier {
    /// The error for input that is not a request at all (no certificate, a domain that is no domain).
    public struct InputError: Error, Sendable, CustomStringConvertible {
        public let code: String
        public let description: String
    }

    public static func verify(_ request: TLSVerificationRequest) async throws(InputError) -> TLSVerificationReport {
        let reference: ReferenceIdentifiers
        do {
            reference = try ReferenceIdentifiers(domain: request.domain, service: request.service)
        } catch {
            throw InputError(
                code: "tls.bad-domain", description: "'\(request.domain)' is not a valid domain: \(error.message)")
        }
        var certificates: [Certificate]
        var malformed: String?
        do {
            certificates = try CertificateInput.certificates(request.chain)
        } catch {
            if let weak = error.weakKey { return weakKeyReport(weak, request: request) }
            guard !error.readable.isEmpty else {
                throw InputError(code: error.code, description: error.description)
            }
            certificates = error.readable
            malformed = error.description
        }
        let anchors: [Certificate]
        do {
            if let given = request.trustAnchors {
                anchors = try CertificateInput.certificates(given, what: "the trust anchors")
            } else {
                anchors = systemAnchors
            }
        } catch {
            throw InputError(code: error.code, description: error.description)
        }
        let report = await evaluate(certificates, anchors: anchors, reference: reference, request: request)
        guard let malformed else { return report }
        let check = TLSCheck(
            id: "input.malformed", status: .fail, rfc: "RFC 5280 §4.1",
            message: malformed + " The certificates before it were checked; fix or remove it.")
        return TLSVerificationReport(
            verdict: .malformed, domain: report.domain, service: report.service, policy: report.policy, at: report.at,
            matched: report.matched, presented: report.presented, chain: report.chain,
            fingerprints: report.fingerprints, checks: [check] + report.checks)
    }

    /// The system bundle, read once (it holds about 150 anchors); empty when it is missing.
    static let systemAnchors: [Certificate] = {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: TLSVerificationRequest.systemTrustAnchors)),
            let documents = try? PEMDocument.parseMultiple(pemString: String(decoding: data, as: UTF8.self))
        else { return [] }
        // Larger than a chain may be, so read block by block; an anchor the library cannot load is skipped.
        return documents.filter { $0.discriminator == "CERTIFICATE" }.compactMap {
            try? Certificate(derEncoded: $0.derBytes)
        }
    }()

    static func evaluate(
        _ certificates: [Certificate], anchors: [Certificate], reference: ReferenceIdentifiers,
        request: TLSVerificationRequest
    ) async -> TLSVerificationReport {
        let leaf = certificates[0]
        var checks: [TLSCheck] = []
        if reference.ignoredParts {
            checks.append(
                TLSCheck(
                    id: "domain.jid-parts-ignored", status: .warn, rfc: "RFC 6120 §13.7.2.1",
                    message: "Only the domainpart of '\(request.domain)' is checked; a server certificate "
                        + "authenticates a domain, not an account or resource."))
        }
        let presented = PresentedIdentifiers(leaf)
        let (match, notes) = IdentityMatcher(reference: reference, policy: request.policy).match(presented)

        // 1. The chain: a path to an anchor, at a time every certificate given is valid, so that trust and time
        //    are told apart.
        var store = CertificateStore(anchors)
        if anchors.isEmpty { store = CertificateStore() }
        let intermediates = CertificateStore(certificates.dropFirst())
        let probe = probeTime(leaf: leaf, at: request.at)
        var pathVerifier = Verifier(rootCertificates: store) { RFC5280Policy(fixedExpiryValidationTime: probe) }
        let path = await pathVerifier.validate(
            leaf: leaf, intermediates: intermediates, diagnosticCallback: nil)
        var validated: [Certificate] = []
        /// Every verdict that applies; the report gives the first in order of precedence.
        var failed: Set<TLSVerdict> = []
        switch path {
        case .validCertificate(let chain):
            validated = Array(chain)
            checks.append(
                TLSCheck(
                    id: "chain.trusted", status: .pass, rfc: "RFC 6120 §13.7.2, RFC 5280 §6",
                    message: "The chain leads to the trust anchor '\(describe(chain.last?.subject))'."))
        case .couldNotValidate(let failures):
            failed.insert(.untrusted)
            checks.append(
                TLSCheck(
                    id: "chain.trusted", status: .fail, rfc: "RFC 6120 §13.7.2, RFC 5280 §6",
                    message: untrustedReason(
                        leaf: leaf, certificates: certificates, anchors: anchors,
                        failure: failures.first.map { "\($0.policyFailureReason)" })))
        }
        for index in certificates.indices.dropLast() where certificates[index].issuer != certificates[index + 1].subject
        {
            checks.append(
                TLSCheck(
                    id: "chain.order", status: .warn, rfc: "RFC 8446 §4.4.2",
                    message:
                        "Certificate \(index + 2) did not issue certificate \(index + 1): send the chain in order, "
                        + "each certificate followed by its issuer."))
            break
        }

        // 2. Validity at the instant asked about.
        let timed = validated.isEmpty ? [leaf] : Array(validated.dropLast())
        if let expired = timed.first(where: { $0.notValidAfter < request.at }) {
            failed.insert(.expired)
            checks.append(
                TLSCheck(
                    id: "validity.expired", status: .fail, rfc: "RFC 5280 §4.1.2.5",
                    message: "'\(describe(expired.subject))' expired on \(iso(expired.notValidAfter)); renew it."))
        } else if let early = timed.first(where: { $0.notValidBefore > request.at }) {
            failed.insert(.notYetValid)
            checks.append(
                TLSCheck(
                    id: "validity.not-yet-valid", status: .fail, rfc: "RFC 5280 §4.1.2.5",
                    message: "'\(describe(early.subject))' is valid only from \(iso(early.notValidBefore)); check the "
                        + "server's clock or wait."))
        } else {
            let days = Int(leaf.notValidAfter.timeIntervalSince(request.at) / 86_400)
            checks.append(
                TLSCheck(
                    id: "validity.period", status: days < 14 ? .warn : .pass, rfc: "RFC 5280 §4.1.2.5",
                    message: "Valid until \(iso(leaf.notValidAfter)): \(days) days left"
                        + (days < 14 ? "; renew it soon." : ".")))
        }

        // 3. Identity.
        if let match {
            checks.append(
                TLSCheck(
                    id: "identity.match", status: .pass, rfc: "RFC 6120 §13.7.1.2, RFC 9525 §6",
                    message: "\(match.type.rawValue) '\(match.presented)' matches '\(match.reference)'."))
        } else {
            failed.insert(.identityMismatch)
            let listed = presented.all.map { "\($0.type.rawValue) '\($0.value)'" }.joined(separator: ", ")
            let wanted = [
                reference.dnsID.map { "dns-id '\($0)'" }, reference.srvID.map { "srv-id '\($0)'" },
                "xmppaddr '\(reference.xmppAddr)'",
            ].compactMap { $0 }.joined(separator: ", ")
            checks.append(
                TLSCheck(
                    id: "identity.match", status: .fail, rfc: "RFC 6120 §13.7.1.2, RFC 9525 §6",
                    message: "No presented identifier (\(listed.isEmpty ? "none" : listed)) matches \(wanted); add "
                        + "'\(reference.dnsID ?? reference.xmppAddr)' to the certificate's subjectAltName."))
        }
        for note in notes {
            checks.append(TLSCheck(id: note.id, status: .info, rfc: note.rfc, message: note.message))
        }

        // 4. Purpose and strength.
        if let usage = try? leaf.extensions.extendedKeyUsage,
            !usage.contains(.serverAuth) && !usage.contains(.any)
        {
            failed.insert(.untrusted)
            checks.append(
                TLSCheck(
                    id: "eku.server-auth", status: .fail, rfc: "RFC 5280 §4.2.1.12",
                    message: "The certificate's extended key usage does not include serverAuth, so it may not "
                        + "authenticate a server."))
        }
        let belowAnchor = validated.isEmpty ? certificates : Array(validated.dropLast())
        var weakness: [String] = []
        for certificate in belowAnchor {
            let (kind, bits) = keyDescription(certificate)
            if (kind == "RSA" && bits < 2048) || (kind == "EC" && bits < 224) {
                weakness.append("'\(describe(certificate.subject))' has a \(bits)-bit \(kind) key")
            }
            if certificate.signatureAlgorithm == .sha1WithRSAEncryption {
                weakness.append("'\(describe(certificate.subject))' is signed with SHA-1")
            }
        }
        if weakness.isEmpty {
            checks.append(
                TLSCheck(
                    id: "strength", status: .pass, rfc: "RFC 9325 §4.5",
                    message: "Keys are at least RSA 2048 or EC 224 bits and no signature below the anchor uses SHA-1."))
        } else {
            failed.insert(.weak)
            checks.append(
                TLSCheck(
                    id: "strength", status: .fail, rfc: "RFC 9325 §4.5, RFC 9155",
                    message: weakness.joined(separator: "; ")
                        + ": reissue with an RSA key of 2048 bits or more (or EC P-256) and a SHA-256 signature."))
        }
        let verdict = TLSVerdict.allCases.first { failed.contains($0) } ?? .authenticated
        return TLSVerificationReport(
            verdict: verdict, domain: request.domain, service: request.service, policy: request.policy,
            at: request.at, matched: match, presented: presented.all, chain: certificates.map(summary),
            fingerprints: Fingerprints(leaf), checks: checks)
    }

    /// The report for a chain with an RSA key under 2048 bits, which the X.509 library refuses to load: the
    /// verdict is `weak` whatever else is true, since the certificate must be replaced in any case, and the chain
    /// and the identity are not checked.
    static func weakKeyReport(_ weak: CertificateInput.WeakKey, request: TLSVerificationRequest)
        -> TLSVerificationReport
    {
        let check = TLSCheck(
            id: "strength", status: .fail, rfc: "RFC 9325 §4.5",
            message: "Certificate \(weak.index) has a \(weak.bits)-bit RSA key: reissue it with 2048 bits or more (or "
                + "EC P-256). Keys this small are not loaded at all, so the chain and the identity were not checked.")
        return TLSVerificationReport(
            verdict: .weak, domain: request.domain, service: request.service, policy: request.policy, at: request.at,
            matched: nil, presented: [], chain: [],
            fingerprints: weak.index == 1
                ? Fingerprints(der: weak.der, subjectPublicKeyInfo: weak.subjectPublicKeyInfo) : nil,
            checks: [check])
    }

    /// A time within the leaf's validity (the one asked about when it is), for telling trust from time.
    static func probeTime(leaf: Certificate, at: Date) -> Date {
        if at < leaf.notValidBefore { return leaf.notValidBefore.addingTimeInterval(1) }
        if at > leaf.notValidAfter { return leaf.notValidAfter.addingTimeInterval(-1) }
        return at
    }

    static func untrustedReason(
        leaf: Certificate, certificates: [Certificate], anchors: [Certificate], failure: String?
    ) -> String {
        if anchors.isEmpty {
            return "There are no trust anchors to check against (give --ca, or install ca-certificates)."
        }
        if leaf.issuer == leaf.subject && !anchors.contains(leaf) {
            return "The certificate is self-signed and not among the trust anchors; get one from a certificate "
                + "authority, or pin it (RFC 7590 §3.6)."
        }
        let known = certificates.map(\.subject) + anchors.map(\.subject)
        var current = leaf
        var seen = 0
        while seen < certificates.count + 1 {
            guard known.contains(current.issuer) else {
                return "No certificate for the issuer '\(describe(current.issuer))' of '\(describe(current.subject))' "
                    + "was sent or is trusted: if it is an intermediate, the server must send it after the leaf "
                    + "(missing intermediate); otherwise the issuer is unknown here."
            }
            guard let next = certificates.first(where: { $0.subject == current.issuer && $0 != current }) else { break }
            current = next
            seen += 1
        }
        return "The chain does not verify against the trust anchors" + (failure.map { ": \($0)" } ?? ".")
    }

    static func keyDescription(_ certificate: Certificate) -> (String, Int) {
        let key = certificate.publicKey
        if let rsa = _RSA.Signing.PublicKey(key) { return ("RSA", rsa.keySizeInBits) }
        if P256.Signing.PublicKey(key) != nil { return ("EC", 256) }
        if P384.Signing.PublicKey(key) != nil { return ("EC", 384) }
        if P521.Signing.PublicKey(key) != nil { return ("EC", 521) }
        if Curve25519.Signing.PublicKey(key) != nil { return ("Ed25519", 256) }
        return ("unknown", 0)
    }

    static func summary(_ certificate: Certificate) -> CertificateSummary {
        let (kind, bits) = keyDescription(certificate)
        var serializer = DER.Serializer()
        let der = (try? serializer.serialize(certificate)).map { serializer.serializedBytes } ?? []
        return CertificateSummary(
            subject: describe(certificate.subject), issuer: describe(certificate.issuer),
            notBefore: certificate.notValidBefore, notAfter: certificate.notValidAfter, key: kind, keyBits: bits,
            signatureAlgorithm: String(describing: certificate.signatureAlgorithm)
                .replacingOccurrences(of: "SignatureAlgorithm.", with: ""),
            sha256: Fingerprints.hex(SHA256.hash(data: der)))
    }

    static func describe(_ name: DistinguishedName?) -> String { name.map { String(describing: $0) } ?? "" }

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}
