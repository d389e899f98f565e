/// Byte-parallel tests on eight bytes in a `UInt64` (the first byte in the low byte). Every test is exact for each
/// byte: no carry crosses from one byte into the next.
enum ByteWord {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte in `low...high`, for words without bytes of 0x80 or more.
    @inline(__always)
    static func bytes(in range: ClosedRange<UInt8>, _ word: UInt64) -> UInt64 {
        // byte + (0x80 - low) reaches 0x80 exactly when byte >= low; byte + (0x7F - high) when byte > high. Both
        // sums stay below 0x100 for bytes below 0x80.
        let atLeastLow = word &+ ones &* UInt64(0x80 - range.lowerBound)
        let aboveHigh = word &+ ones &* UInt64(0x7F - range.upperBound)
        return atLeastLow & ~aboveHigh & highs
    }

    /// The high bit of each byte that a JSON string must escape (RFC 8259 §7: below 0x20, `"` and `\`); any bytes.
    @inline(__always)
    static func needsJSONEscape(_ word: UInt64) -> UInt64 {
        // The low seven bits + 0x60 reach 0x80 exactly when they are 0x20 or more; a set high bit is 0x80 or more.
        let control = ~(((word & ~highs) &+ ones &* 0x60) | word) & highs
        return control | bytes(equalTo: 0x22, word) | bytes(equalTo: 0x5C, word)
    }

    /// The high bit of each byte equal to `byte`; any bytes.
    @inline(__always)
    static func bytes(equalTo byte: UInt8, _ word: UInt64) -> UInt64 {
        let difference = word ^ (ones &* UInt64(byte))
        // Low seven bits + 0x7F reaches 0x80 exactly when they are not all zero.
        return ~((difference & ~highs) &+ ~highs | difference) & highs
    }

    /// The word with capitals lowered and the high bits of its dots, or nil if any byte is not an ASCII letter,
    /// digit, hyphen or dot.
    @inline(__always)
    static func ldhLowered(_ word: UInt64) -> (lowered: UInt64, dots: UInt64)? {
        guard word & highs == 0 else { return nil }
        let upper = bytes(in: 0x41...0x5A, word)
        let dots = bytes(equalTo: 0x2E, word)
        let allowed =
            bytes(in: 0x61...0x7A, word) | upper | bytes(in: 0x30...0x39, word) | bytes(equalTo: 0x2D, word) | dots
        guard allowed == highs else { return nil }
        return (word | upper >> 2, dots)
    }
}
