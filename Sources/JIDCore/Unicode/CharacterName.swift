import CUnicode

extension Unicode.Scalar {
    /// The character's Unicode name from ICU ("ROMAN NUMERAL FOUR"), or its extended label
    /// ("<control-0007>") when it has none.
    public var icuName: String {
        var buffer = [CChar](repeating: 0, count: 128)
        let length = buffer.withUnsafeMutableBufferPointer { cu_char_name(value, $0.baseAddress, 128) }
        guard length > 0 else { return "" }
        return String(decoding: buffer[0..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The code point in the conventional notation, "U+2163".
    public var codePointNotation: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
