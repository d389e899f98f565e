import Crypto
import SwiftASN1
public import X509

/// The leaf's fingerprints: what an operator pins or publishes.
public struct Fingerprints: Sendable, Equatable {
    /// SHA-256 of the certificate (DER), lower-case hex.
    public let sha256: String
    /// The same digest in base64, the form POSH publishes (RFC 7711 §3.2).
    public let sha256Base64: String
    /// SHA-256 of the SubjectPublicKeyInfo in base64: the key pin, which survives a renewal with the same key.
    public let spkiSha256: String
    /// The same key digest in lower-case hex, the form pins are stored in.
    public let spkiSha256Hex: String
    /// The DANE record for it (RFC 7673, RFC 6698: usage 3 DANE-EE, selector 1 SPKI, matching type 1 SHA-256).
    public let tlsa: String

    /// The fingerprints of a certificate; nil if it cannot be written back as DER.
    public init?(_ certificate: Certificate) {
        var serializer = DER.Serializer()
        var keySerializer = DER.Serializer()
        guard (try? serializer.serialize(certificate)) != nil,
            (try? keySerializer.serialize(certificate.publicKey)) != nil
        else { return nil }
        self.init(der: serializer.serializedBytes, subjectPublicKeyInfo: keySerializer.serializedBytes)
    }

    init(der: [UInt8], subjectPublicKeyInfo: [UInt8]) {
        let digest = SHA256.hash(data: der)
        let keyDigest = SHA256.hash(data: subjectPublicKeyInfo)
        sha256 = Self.hex(digest)
        sha256Base64 = Self.base64(Array(digest))
        spkiSha256 = Self.base64(Array(keyDigest))
        spkiSha256Hex = Self.hex(keyDigest)
        tlsa = "3 1 1 " + spkiSha256Hex
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0..<4 {
                output.append(
                    position <= chunk.count
                        ? alphabet[Int((value >> (18 - 6 * UInt32(position))) & 0x3F)] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
