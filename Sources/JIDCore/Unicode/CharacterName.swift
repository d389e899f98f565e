import CUnicode

extension Unicode.Scalar {
    /// The character's Unicode name from ICU ("ROMAN NUMERAL FOUR"), or its extended label
    /// ("<control-0007>") when it has none.
    public var icuName: String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 128) { buffer in
            let length = min(Int(cu_char_name(value, buffer.baseAddress, 128)), 128)
            guard length > 0 else { return "" }
            return buffer.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: length) {
                String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
            }
        }
    }

    /// The code point in the conventional notation, "U+2163".
    public var codePointNotation: String {
        let digits = max(4, (32 - value.leadingZeroBitCount + 3) / 4)
        return String(unsafeUninitializedCapacity: 2 + digits) { buffer in
            buffer[0] = UInt8(ascii: "U")
            buffer[1] = UInt8(ascii: "+")
            for index in 0..<digits {
                let nibble = UInt8((value >> (4 * UInt32(digits - 1 - index))) & 0xF)
                buffer[2 + index] = nibble < 10 ? 0x30 + nibble : 0x37 + nibble
            }
            return 2 + digits
        }
    }
}
