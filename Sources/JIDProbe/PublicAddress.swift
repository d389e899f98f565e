#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Which addresses a probe reached over HTTP may connect to: public unicast only, so that the service cannot be
/// used to reach into the network it runs in (loopback, private, shared, link-local, multicast, documentation
/// and reserved ranges of the IANA special-purpose registries, RFC 6890).
public enum PublicAddress {
    /// Why `address` (an IPv4 or IPv6 literal) is not a public unicast address, or nil when it is.
    public static func refusal(_ address: String) -> String? {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            return ipv4(UInt32(bigEndian: v4.s_addr)).map { "\(address) is \($0)" }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, address, &v6) == 1 {
            return ipv6(withUnsafeBytes(of: v6) { Array($0) }).map { "\(address) is \($0)" }
        }
        return "'\(address)' is not an IP address"
    }

    static func ipv4(_ value: UInt32) -> String? {
        func within(_ prefix: UInt32, _ length: UInt32) -> Bool {
            length == 0 || value >> (32 - length) == prefix >> (32 - length)
        }
        let ranges: [(UInt32, UInt32, String)] = [
            (0x0000_0000, 8, "a 'this network' address"),
            (0x0A00_0000, 8, "a private address (RFC 1918)"),
            (0x6440_0000, 10, "a shared address (RFC 6598)"),
            (0x7F00_0000, 8, "a loopback address"),
            (0xA9FE_0000, 16, "a link-local address"),
            (0xAC10_0000, 12, "a private address (RFC 1918)"),
            (0xC000_0000, 24, "an IETF protocol assignment (RFC 6890)"),
            (0xC000_0200, 24, "a documentation address (RFC 5737)"),
            (0xC058_6300, 24, "a 6to4 relay anycast address (RFC 7526)"),
            (0xC0A8_0000, 16, "a private address (RFC 1918)"),
            (0xC612_0000, 15, "a benchmarking address (RFC 2544)"),
            (0xC633_6400, 24, "a documentation address (RFC 5737)"),
            (0xCB00_7100, 24, "a documentation address (RFC 5737)"),
            (0xE000_0000, 4, "a multicast address"),
            (0xF000_0000, 4, "a reserved address"),
        ]
        return ranges.first { within($0.0, $0.1) }?.2
    }

    static func ipv6(_ bytes: [UInt8]) -> String? {
        if bytes.allSatisfy({ $0 == 0 }) { return "the unspecified address" }
        if bytes.dropLast().allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return "a loopback address" }
        // IPv4-mapped (::ffff:0:0/96) and IPv4/IPv6 translation (64:ff9b::/96): the IPv4 address decides.
        let embedded = UInt32(bytes[12]) << 24 | UInt32(bytes[13]) << 16 | UInt32(bytes[14]) << 8 | UInt32(bytes[15])
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return ipv4(embedded)
        }
        if bytes[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] { return ipv4(embedded) }
        if bytes[0] & 0xFE == 0xFC { return "a unique local address (RFC 4193)" }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return "a link-local address" }
        if bytes[0] == 0xFF { return "a multicast address" }
        if bytes[0..<4] == [0x20, 0x01, 0x0D, 0xB8] { return "a documentation address (RFC 3849)" }
        if bytes[0..<8] == [0x01, 0x00, 0, 0, 0, 0, 0, 0] { return "a discard-only address (RFC 6666)" }
        if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] < 0x02 { return "an IETF protocol assignment (RFC 2928)" }
        if bytes[0] & 0xE0 != 0x20 { return "a reserved address (outside 2000::/3)" }
        return nil
    }
}
