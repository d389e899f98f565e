import Foundation

/// What a server chose in its ServerHello (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3), read from the plaintext TLS
/// records before the TLS library sees them: the library does not report the cipher suite, the key exchange
/// group or the extensions the server answered with.
public struct ServerHello: Sendable, Equatable {
    /// The negotiated version: `supported_versions` when present (TLS 1.3), else the legacy version field.
    public var version: UInt16
    public var cipherSuite: UInt16
    public var compressionMethod: UInt8
    /// Extension types in the ServerHello.
    public var extensions: Set<UInt16>
    /// The key exchange group of a TLS 1.3 `key_share`.
    public var keyShareGroup: UInt16?

    static let supportedVersions: UInt16 = 43
    static let keyShare: UInt16 = 51
    static let renegotiationInfo: UInt16 = 0xFF01
    static let extendedMasterSecret: UInt16 = 23

    public var hasRenegotiationInfo: Bool { extensions.contains(Self.renegotiationInfo) }
    public var hasExtendedMasterSecret: Bool { extensions.contains(Self.extendedMasterSecret) }

    /// Parses a ServerHello handshake message body (after its 4-byte header); nil when it is malformed.
    init?(body: ArraySlice<UInt8>) {
        var reader = Reader(body)
        guard let legacyVersion = reader.u16(), reader.skip(32),  // random
            let sessionLength = reader.u8(), reader.skip(Int(sessionLength)),
            let suite = reader.u16(), let compression = reader.u8()
        else { return nil }
        version = legacyVersion
        cipherSuite = suite
        compressionMethod = compression
        extensions = []
        guard let total = reader.u16() else { return }  // no extensions (TLS 1.0 style)
        var list = Reader(reader.take(Int(total)) ?? [])
        while let type = list.u16(), let length = list.u16(), let data = list.take(Int(length)) {
            extensions.insert(type)
            var value = Reader(data)
            if type == Self.supportedVersions, let selected = value.u16() { version = selected }
            if type == Self.keyShare, let group = value.u16() { keyShareGroup = group }
        }
    }

    private struct Reader {
        var bytes: ArraySlice<UInt8>
        init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }
        mutating func u8() -> UInt8? { bytes.popFirst() }
        mutating func u16() -> UInt16? {
            guard bytes.count >= 2 else { return nil }
            defer { bytes = bytes.dropFirst(2) }
            return UInt16(bytes[bytes.startIndex]) << 8 | UInt16(bytes[bytes.startIndex + 1])
        }
        mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
            guard bytes.count >= count else { return nil }
            defer { bytes = bytes.dropFirst(count) }
            return bytes.prefix(count)
        }
        mutating func skip(_ count: Int) -> Bool { take(count) != nil }
    }
}

/// Follows the server's side of a TLS handshake record by record until the ServerHello or an alert, then stops
/// looking. Bounded: at most 64 KiB of handshake bytes are kept.
struct ServerHelloReader {
    private var pending: [UInt8] = []
    private var handshake: [UInt8] = []
    private(set) var hello: ServerHello?
    /// A fatal alert the server sent before its ServerHello (RFC 8446 §6): its description code.
    private(set) var alert: UInt8?
    private(set) var done = false

    mutating func feed(_ bytes: some Collection<UInt8>) {
        guard !done else { return }
        pending.append(contentsOf: bytes)
        while pending.count >= 5 {
            let type = pending[0]
            let length = Int(pending[3]) << 8 | Int(pending[4])
            guard pending.count >= 5 + length else { break }
            let fragment = pending[5..<(5 + length)]
            pending.removeFirst(5 + length)
            switch type {
            case 22:  // handshake
                handshake.append(contentsOf: fragment)
                if handshake.count >= 4 {
                    let size = Int(handshake[1]) << 16 | Int(handshake[2]) << 8 | Int(handshake[3])
                    if handshake.count >= 4 + size {
                        if handshake[0] == 2 { hello = ServerHello(body: handshake[4..<(4 + size)]) }
                        done = true
                        return
                    }
                }
            case 21:  // alert
                if fragment.count >= 2 { alert = fragment[fragment.startIndex + 1] }
                done = true
                return
            default:
                done = true
                return
            }
            if handshake.count > 1 << 16 {
                done = true
                return
            }
        }
        if pending.count > 1 << 17 { done = true }
    }
}

/// Names for what a ServerHello can carry.
public enum TLSNames {
    public static func version(_ value: UInt16) -> String {
        switch value {
        case 0x0300: "SSLv3"
        case 0x0301: "TLSv1.0"
        case 0x0302: "TLSv1.1"
        case 0x0303: "TLSv1.2"
        case 0x0304: "TLSv1.3"
        default: String(format: "0x%04x", value)
        }
    }

    /// IANA names of the suites a TLS 1.2 or 1.3 server may choose (the TLS Cipher Suites registry).
    static let suites: [UInt16: String] = [
        0x1301: "TLS_AES_128_GCM_SHA256", 0x1302: "TLS_AES_256_GCM_SHA384",
        0x1303: "TLS_CHACHA20_POLY1305_SHA256",
        0xC02B: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 0xC02C: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        0xC02F: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0xC030: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        0xCCA8: "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        0xCCA9: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        0xC009: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 0xC00A: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        0xC013: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0xC014: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        0xC023: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 0xC027: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
        0xC024: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 0xC028: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
        0x009C: "TLS_RSA_WITH_AES_128_GCM_SHA256", 0x009D: "TLS_RSA_WITH_AES_256_GCM_SHA384",
        0x002F: "TLS_RSA_WITH_AES_128_CBC_SHA", 0x0035: "TLS_RSA_WITH_AES_256_CBC_SHA",
        0x003C: "TLS_RSA_WITH_AES_128_CBC_SHA256", 0x003D: "TLS_RSA_WITH_AES_256_CBC_SHA256",
        0x000A: "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        0x009E: "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 0x009F: "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
        0x0033: "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", 0x0039: "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
        0xCCAA: "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    ]

    public static func suite(_ value: UInt16) -> String { suites[value] ?? String(format: "0x%04X", value) }

    /// How a suite agrees on keys: TLS 1.3 suites always use (EC)DHE.
    enum KeyExchange { case ephemeralEC, ephemeralFiniteField, staticRSA, unknown }

    static func keyExchange(_ suite: UInt16) -> KeyExchange {
        if (0x1301...0x1305).contains(suite) { return .ephemeralEC }
        guard let name = suites[suite] else { return .unknown }
        if name.hasPrefix("TLS_ECDHE_") { return .ephemeralEC }
        if name.hasPrefix("TLS_DHE_") { return .ephemeralFiniteField }
        if name.hasPrefix("TLS_RSA_") { return .staticRSA }
        return .unknown
    }

    /// The TLS Supported Groups registry's names.
    public static func group(_ value: UInt16) -> String {
        switch value {
        case 23: "secp256r1"
        case 24: "secp384r1"
        case 25: "secp521r1"
        case 29: "x25519"
        case 30: "x448"
        case 0x11EC: "X25519MLKEM768"
        case 0x6399: "X25519Kyber768Draft00"
        default: String(format: "0x%04x", value)
        }
    }

    /// TLS alert descriptions (RFC 8446 §6).
    public static func alert(_ value: UInt8) -> String {
        switch value {
        case 40: "handshake_failure"
        case 42: "bad_certificate"
        case 47: "illegal_parameter"
        case 70: "protocol_version"
        case 71: "insufficient_security"
        case 80: "internal_error"
        case 86: "inappropriate_fallback"
        case 112: "unrecognized_name"
        case 120: "no_application_protocol"
        default: "alert \(value)"
        }
    }
}
