import CFuzz
// libFuzzer target: certificate input and identity matching (JIDTLS).
// Input: a domain, a NUL, then certificate bytes (PEM or DER). Invariants: no trap; reading either fails with a
// documented code or gives 1 to 32 certificates; every certificate gives fingerprints of the right shape; a
// match is one the rules allow (an exact or one-label-wildcard DNS-ID, an SRV-ID of the service, an XmppAddr
// whose domainpart is the reference, an IP-ID of the same address).
import JIDCore
import JIDTLS
import X509

@_cdecl("FuzzTLS_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    cfuzz_run(argc, argv) { data, size in fuzz(data!, size) }
}

let codes: Set<String> = [
    "tls.input-empty", "tls.input-too-large", "tls.no-certificate", "tls.bad-pem", "tls.bad-certificate",
    "tls.too-many-certificates", "tls.weak-rsa-key",
]

func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = bytes.firstIndex(of: 0) ?? 0
    let domain = String(decoding: bytes[..<split], as: UTF8.self)
    let input = Array(bytes[min(split + 1, bytes.count)...])
    let certificates: [Certificate]
    do {
        certificates = try CertificateInput.certificates(input)
    } catch {
        require(codes.contains(error.code), error.code)
        return 0
    }
    require((1...CertificateInput.maximumCertificates).contains(certificates.count))
    let reference = try? ReferenceIdentifiers(domain: domain.isEmpty ? "example.org" : domain, service: .client)
    for certificate in certificates {
        let fingerprints = Fingerprints(certificate)
        require(fingerprints.map { $0.sha256.utf8.count == 64 && $0.tlsa.utf8.count == 70 } ?? true)
        guard let reference else { continue }
        for policy in IdentityPolicy.allCases {
            let presented = PresentedIdentifiers(certificate)
            guard let match = IdentityMatcher(reference: reference, policy: policy).match(presented).match else {
                continue
            }
            switch match.type {
            case .dnsID, .cnID:
                var name = match.presented.lowercased()
                if name.hasSuffix(".") { name.removeLast() }
                require(name == reference.dnsID || name.contains("*"), "\(match)")
            case .srvID: require(match.presented.lowercased().hasPrefix("_xmpp-client."), "\(match)")
            case .xmppAddr: require(JID.parse(match.presented).jid?.domainpart == reference.xmppAddr, "\(match)")
            case .ipID: require(reference.ipAddress != nil, "\(match)")
            }
        }
    }
    return 0
}

/// A failed invariant, with its message (release builds drop `precondition` messages).
func require(_ condition: Bool, _ message: @autoclosure () -> String = "") {
    if !condition { fatalError(message()) }
}
