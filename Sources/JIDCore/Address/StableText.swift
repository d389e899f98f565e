/// The shortcut for parts whose every code point is stable under the profile (from the PRECIS derived property
/// table), shared by the localpart and resourcepart lanes.
extension AddressParser {
    /// Whether ``stableNonASCII(_:_:)`` takes `bytes`: nil if not, else whether it lowers a non-ASCII letter.
    @inline(__always)
    static func stableText(_ bytes: UnsafeBufferPointer<UInt8>, _ required: PrecisDerivedProperties.Stability)
        -> Bool?
    {
        guard !bytes.isEmpty, bytes.count <= maximumPartOctets else { return nil }
        let table = PrecisDerivedProperties.shared
        let localpart = required == .identifierLowercase
        var lowersNonASCII = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                guard localpart ? isPlainLocalpartByte(byte) : isPlainResourcepartByte(byte) else { return nil }
                index += 1
                continue
            }
            let (scalar, width) = decodeScalar(bytes, at: index)
            if !table.stability(scalar).isSuperset(of: localpart ? [.identifier, .identifierLowercase] : required) {
                guard localpart, table.stableLowercase(scalar) != nil else { return nil }
                lowersNonASCII = true
            }
            index += width
        }
        return lowersNonASCII
    }

    /// The enforced form of a part whose every code point is stable under the profile (see
    /// `PrecisDerivedProperties.Stability`): the input with ASCII upper case lowered for localparts, unchanged
    /// otherwise. A localpart may also hold upper-case letters whose lower case is stable and as long in UTF-8
    /// (`PrecisDerivedProperties.stableLowercase`); they are written in lower case. Nil when any code point might
    /// change otherwise or be refused: the general path decides.
    static func stableNonASCII(
        _ bytes: UnsafeBufferPointer<UInt8>, _ required: PrecisDerivedProperties.Stability
    ) -> String? {
        guard let lowersNonASCII = stableText(bytes, required) else { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            writeStable(
                bytes, lowersNonASCII: lowersNonASCII, localpart: required == .identifierLowercase,
                into: buffer.baseAddress!)
        }
    }

    /// Writes the enforced form of a part ``stableText(_:_:)`` takes (`lowersNonASCII` is what it said) into
    /// `output`, which has room for `bytes.count` bytes: as long as the input, the input with ASCII upper case
    /// lowered (and, when `lowersNonASCII`, the upper-case letters of `stableLowercase`) for a localpart, the input
    /// itself for a resourcepart. Returns the length.
    static func writeStable(
        _ bytes: UnsafeBufferPointer<UInt8>, lowersNonASCII: Bool, localpart: Bool,
        into output: UnsafeMutablePointer<UInt8>
    ) -> Int {
        guard lowersNonASCII else {
            for position in bytes.indices {
                let byte = bytes[position]
                output[position] = localpart ? ASCII.lowercased(byte) : byte
            }
            return bytes.count
        }
        let table = PrecisDerivedProperties.shared
        var position = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte < 0x80 {
                output[position] = ASCII.lowercased(byte)
                position += 1
                continue
            }
            let (scalar, _) = decodeScalar(bytes, at: position)
            // The lower case has the same UTF-8 length, so it takes the letter's place.
            let lowered = table.stableLowercase(scalar) ?? scalar
            position += UnicodeText.encode(lowered, into: output + position)
        }
        return bytes.count
    }

    /// The scalar of the multi-byte sequence at `index` of well-formed UTF-8 (checked before parsing) and its
    /// length in bytes.
    @inline(__always)
    fileprivate static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let byte = bytes[index]
        if byte < 0xE0 {
            return (UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2)
        }
        if byte < 0xF0 {
            return (
                UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3
            )
        }
        return (
            UInt32(byte & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F), 4
        )
    }
}
