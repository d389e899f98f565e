public import JIDCore
import SwiftASN1
public import X509

#if canImport(Glibc)
    import Glibc
#endif

/// The XMPP service a certificate is checked for: the SRV-ID's service label (RFC 6120 §13.7.1.2.1, RFC 7673).
public enum XMPPService: String, Sendable, CaseIterable {
    case client = "xmpp-client"
    case server = "xmpp-server"
}

/// How presented identifiers are compared with reference identifiers.
public enum IdentityPolicy: String, Sendable, CaseIterable {
    /// RFC 9525: no CN-ID, wildcards only as a whole left-most label.
    case rfc9525
    /// RFC 6125: also partial-label wildcards (`f*.example`, never in an A-label) and the CN-ID when the
    /// certificate has no subjectAltName of a supported type.
    case rfc6125
}

/// The kinds of identifier (RFC 9525 §2, RFC 6120 §13.7.1.4).
public enum IdentifierType: String, Sendable, CaseIterable {
    case dnsID = "dns-id"
    case srvID = "srv-id"
    case xmppAddr = "xmppaddr"
    case ipID = "ip-id"
    case cnID = "cn-id"
}

/// What the certificate should say, built from the JID's domainpart (RFC 6120 §13.7.2.1, RFC 9525 §6.1).
public struct ReferenceIdentifiers: Sendable {
    /// The domain in A-labels, lower case, without a trailing dot (nil for an IP literal).
    public let dnsID: String?
    /// `_xmpp-client.` or `_xmpp-server.` and the A-label domain.
    public let srvID: String?
    /// The RFC 7622 domainpart in its canonical (U-label) form.
    public let xmppAddr: String
    /// The address bytes of an IP-literal domainpart.
    public let ipAddress: [UInt8]?
    /// The service the SRV-ID names.
    public let service: XMPPService
    /// Said when the input was a JID with a localpart or resourcepart, which play no part here.
    public let ignoredParts: Bool

    /// The reference identifiers for `domain` (a domainpart, or any JID whose domainpart is taken).
    ///
    /// - Throws: the JID's first error when the input is not a valid address.
    public init(domain input: String, service: XMPPService) throws(JIDError) {
        let jid = try JID(input)
        self.service = service
        ignoredParts = jid.localpart != nil || jid.resourcepart != nil
        xmppAddr = jid.domainpart
        if let address = Self.ipAddress(jid.domainpart) {
            ipAddress = address
            dnsID = nil
            srvID = nil
        } else {
            ipAddress = nil
            dnsID = jid.domainAscii.lowercased()
            srvID = "_\(service.rawValue).\(jid.domainAscii.lowercased())"
        }
    }

    /// The bytes of an IPv4 dotted quad or a bracketed IPv6 literal.
    static func ipAddress(_ text: String) -> [UInt8]? {
        if text.hasPrefix("["), text.hasSuffix("]") {
            var address = in6_addr()
            guard inet_pton(AF_INET6, String(text.dropFirst().dropLast()), &address) == 1 else { return nil }
            return withUnsafeBytes(of: &address) { Array($0) }
        }
        var address = in_addr()
        guard text.utf8.allSatisfy({ $0 == UInt8(ascii: ".") || ($0 >= 0x30 && $0 <= 0x39) }),
            inet_pton(AF_INET, text, &address) == 1
        else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }
}

/// One identifier the certificate presents.
public struct PresentedIdentifier: Sendable, Hashable {
    public let type: IdentifierType
    /// As written in the certificate (an IP address in its text form).
    public let value: String
}

/// The identifiers a certificate presents, by type (RFC 9525 §6.2, RFC 6120 §13.7.1.4).
public struct PresentedIdentifiers: Sendable {
    public var dnsIDs: [String] = []
    public var srvIDs: [String] = []
    public var xmppAddrs: [String] = []
    /// Address bytes, with their text forms.
    public var ipIDs: [(bytes: [UInt8], text: String)] = []
    public var cnIDs: [String] = []
    /// subjectAltName entries of other kinds (email, URI, other otherNames), which never identify an XMPP server.
    public var otherNames = 0

    /// Whether the certificate has a subjectAltName of a type this check supports (so a CN-ID is never used).
    public var hasSupportedSubjectAltName: Bool {
        !dnsIDs.isEmpty || !srvIDs.isEmpty || !xmppAddrs.isEmpty || !ipIDs.isEmpty
    }

    /// id-on-xmppAddr (RFC 6120 §13.7.1.4) and id-on-dnsSRV (RFC 4985).
    static let xmppAddrOID: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 8, 5]
    static let dnsSRVOID: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 8, 7]
    static let commonNameOID: ASN1ObjectIdentifier = [2, 5, 4, 3]

    public init(_ certificate: Certificate) {
        if let names = try? certificate.extensions.subjectAlternativeNames {
            for name in names {
                switch name {
                case .dnsName(let value): dnsIDs.append(value)
                case .ipAddress(let octets):
                    let bytes = Array(octets.bytes)
                    ipIDs.append((bytes, Self.text(ofAddress: bytes)))
                case .otherName(let other):
                    if other.typeID == Self.xmppAddrOID, let any = other.value,
                        let string = try? ASN1UTF8String(asn1Any: any)
                    {
                        xmppAddrs.append(String(string))
                    } else if other.typeID == Self.dnsSRVOID, let any = other.value,
                        let string = try? ASN1IA5String(asn1Any: any)
                    {
                        srvIDs.append(String(string))
                    } else {
                        otherNames += 1
                    }
                default: otherNames += 1
                }
            }
        }
        for relativeName in certificate.subject {
            for attribute in relativeName where attribute.type == Self.commonNameOID {
                cnIDs.append(attribute.value.description)
            }
        }
    }

    /// Every identifier in the order of the types.
    public var all: [PresentedIdentifier] {
        dnsIDs.map { PresentedIdentifier(type: .dnsID, value: $0) }
            + srvIDs.map { PresentedIdentifier(type: .srvID, value: $0) }
            + xmppAddrs.map { PresentedIdentifier(type: .xmppAddr, value: $0) }
            + ipIDs.map { PresentedIdentifier(type: .ipID, value: $0.text) }
            + cnIDs.map { PresentedIdentifier(type: .cnID, value: $0) }
    }

    static func text(ofAddress bytes: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let family = bytes.count == 4 ? AF_INET : bytes.count == 16 ? AF_INET6 : -1
        guard family >= 0,
            bytes.withUnsafeBytes({ inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }) != nil
        else { return bytes.map { String($0, radix: 16) }.joined(separator: ":") }
        return String(cString: buffer)
    }
}
