import SwiftASN1
public import X509

/// Reading certificates from what a caller gives: PEM (any number of `CERTIFICATE` blocks) or one DER certificate.
public enum CertificateInput {
    /// Largest input accepted, and most certificates in one chain: a real chain is a few kilobytes and three or
    /// four certificates; anything far larger is a mistake or an attack.
    public static let maximumBytes = 1 << 20
    public static let maximumCertificates = 32

    /// Why an input holds no usable certificate.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// A stable code: `tls.input-empty`, `tls.input-too-large`, `tls.no-certificate`, `tls.bad-pem`,
        /// `tls.bad-certificate`, `tls.too-many-certificates`.
        public let code: String
        public let description: String
        /// For `tls.weak-rsa-key`: the certificate, its SubjectPublicKeyInfo and the modulus size.
        public var weakKey: WeakKey? = nil
        /// For a chain whose leaf is readable but a later certificate is not: the certificates before it.
        public var readable: [Certificate] = []
    }

    /// A certificate whose RSA key is too small for the X.509 library to load (it refuses RSA under 2048 bits).
    public struct WeakKey: Sendable, Equatable {
        public let der: [UInt8]
        public let subjectPublicKeyInfo: [UInt8]
        public let bits: Int
        public let index: Int
    }

    /// The certificates in `bytes`, in the order given.
    public static func certificates(_ bytes: [UInt8], what: String = "the chain") throws(Failure) -> [Certificate] {
        guard !bytes.isEmpty else { throw Failure(code: "tls.input-empty", description: "\(what) is empty.") }
        guard bytes.count <= maximumBytes else {
            throw Failure(
                code: "tls.input-too-large",
                description: "\(what) is \(bytes.count) bytes; at most \(maximumBytes) are read.")
        }
        if bytes.first == 0x30 { return [try der(bytes, index: 1, what: what)] }
        guard let text = String(validating: bytes, as: UTF8.self), text.contains("-----BEGIN") else {
            throw Failure(
                code: "tls.no-certificate",
                description: "\(what) is neither PEM (-----BEGIN CERTIFICATE-----) nor a DER certificate.")
        }
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: text)
        } catch {
            throw Failure(
                code: "tls.bad-pem",
                description: "\(what) has a PEM block that cannot be read (a broken BEGIN/END pair or base64).")
        }
        let blocks = documents.filter { $0.discriminator == "CERTIFICATE" }
        guard !blocks.isEmpty else {
            let kinds = Set(documents.map(\.discriminator)).sorted().joined(separator: ", ")
            throw Failure(
                code: "tls.no-certificate",
                description: "\(what) has no CERTIFICATE block" + (kinds.isEmpty ? "." : " (only \(kinds)).")
            )
        }
        guard blocks.count <= maximumCertificates else {
            throw Failure(
                code: "tls.too-many-certificates",
                description: "\(what) has \(blocks.count) certificates; at most \(maximumCertificates) are read.")
        }
        var certificates: [Certificate] = []
        for (offset, block) in blocks.enumerated() {
            do {
                certificates.append(try der(block.derBytes, index: offset + 1, what: what))
            } catch  where offset > 0 && error.code == "tls.bad-certificate" {
                // The leaf is readable, a later block is not: the chain is malformed, and says so.
                throw Failure(code: error.code, description: error.description, readable: certificates)
            }
        }
        return certificates
    }

    private static func der(_ bytes: [UInt8], index: Int, what: String) throws(Failure) -> Certificate {
        do {
            return try Certificate(derEncoded: bytes)
        } catch {
            if let (spki, bits) = rsaKey(bytes), bits < 2048 {
                throw Failure(
                    code: "tls.weak-rsa-key",
                    description: "Certificate \(index) of \(what) has a \(bits)-bit RSA key.",
                    weakKey: WeakKey(der: bytes, subjectPublicKeyInfo: spki, bits: bits, index: index))
            }
            throw Failure(
                code: "tls.bad-certificate",
                description: "Certificate \(index) of \(what) is not a well-formed X.509 certificate (RFC 5280 §4.1).")
        }
    }

    /// The SubjectPublicKeyInfo and modulus size of an RSA certificate, read with the DER parser alone (RFC 5280
    /// §4.1, RFC 8017 §A.1.1), for keys the X.509 library will not load.
    static func rsaKey(_ bytes: [UInt8]) -> ([UInt8], Int)? {
        func children(_ node: ASN1Node) -> [ASN1Node]? {
            guard case .constructed(let nodes) = node.content else { return nil }
            return Array(nodes)
        }
        guard let root = try? DER.parse(bytes), let certificate = children(root), let tbsNode = certificate.first,
            var tbs = children(tbsNode)
        else { return nil }
        if let first = tbs.first, first.identifier.tagClass == .contextSpecific { tbs.removeFirst() }
        // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo
        guard tbs.count >= 6, let spki = children(tbs[5]), spki.count == 2, let algorithm = children(spki[0]),
            let oid = algorithm.first, let identifier = try? ASN1ObjectIdentifier(derEncoded: oid),
            identifier == [1, 2, 840, 113_549, 1, 1, 1],
            let bitString = try? ASN1BitString(derEncoded: spki[1]),
            let key = try? DER.parse(Array(bitString.bytes)), let numbers = children(key), let modulus = numbers.first,
            case .primitive(let integer) = modulus.content
        else { return nil }
        let significant = integer.drop { $0 == 0 }
        guard let top = significant.first else { return nil }
        return (Array(tbs[5].encodedBytes), significant.count * 8 - top.leadingZeroBitCount)
    }
}
