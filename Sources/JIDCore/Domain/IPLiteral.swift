import CUnicode

/// IP address literals in a domainpart (RFC 7622 §3.2, RFC 3986 §3.2.2).
enum IPLiteral {
    /// Parses a dotted-quad IPv4 address with no leading zeros; returns its canonical text or nil.
    static func ipv4(_ labels: [Substring]) -> String? {
        guard labels.count == 4 else { return nil }
        var octets: [Int] = []
        for label in labels {
            guard !label.isEmpty, label.count <= 3, label.allSatisfy(\.isASCIIDigit),
                label == "0" || label.first != "0", let value = Int(label), value <= 255
            else { return nil }
            octets.append(value)
        }
        return octets.map(String.init).joined(separator: ".")
    }

    /// The RFC 5952 form of an IPv6 address (without brackets), or nil if `text` is not one.
    static func ipv6(_ text: String) -> String? {
        var address = [UInt8](repeating: 0, count: 16)
        let parsed = address.withUnsafeMutableBufferPointer { buffer in
            text.withCString { cu_parse_ipv6($0, buffer.baseAddress) }
        }
        guard parsed == 1 else { return nil }
        var output = [CChar](repeating: 0, count: 64)
        let formatted = address.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { cu_format_ipv6(input.baseAddress, $0.baseAddress, 64) }
        }
        guard formatted == 1 else { return nil }
        return output.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
