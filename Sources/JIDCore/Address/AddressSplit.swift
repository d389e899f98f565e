/// RFC 7622 §3.1: where an address splits into its parts; the whole-address ASCII lane.
extension AddressParser {
    /// RFC 7622 §3.1: the resourcepart follows the first "/", the localpart precedes the first "@" before it.
    /// Returns the offsets of that "@" and that "/". Eight bytes at a time, then byte by byte.
    static func delimiters(_ bytes: UnsafeBufferPointer<UInt8>) -> (at: Int?, slash: Int?) {
        guard let start = bytes.baseAddress else { return (nil, nil) }
        let count = bytes.count
        var at: Int?
        var index = 0
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self))
            let slashes = ByteWord.bytes(equalTo: UInt8(ascii: "/"), word)
            let ats = ByteWord.bytes(equalTo: UInt8(ascii: "@"), word)
            if at == nil && ats != 0 && (slashes == 0 || ats.trailingZeroBitCount < slashes.trailingZeroBitCount) {
                at = index + ats.trailingZeroBitCount / 8
            }
            if slashes != 0 { return (at, index + slashes.trailingZeroBitCount / 8) }
            index += 8
        }
        while index < count {
            let byte = start[index]
            if byte == UInt8(ascii: "/") { return (at, index) }
            if byte == UInt8(ascii: "@") && at == nil { at = index }
            index += 1
        }
        return (at, nil)
    }

    /// Number of scalars in the first `end` bytes (which end on a scalar boundary).
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) -> Int {
        var count = 0
        for index in 0..<end where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Where an address of ASCII bytes only has its "@" (-1 without) and its "/" (`bytes.count` without); nil when
    /// a byte is not ASCII.
    @inline(__always)
    static func asciiDelimiters(_ bytes: UnsafeBufferPointer<UInt8>) -> (at: Int, end: Int)? {
        // Any non-ASCII byte sends the whole address to `enforce`.
        guard bytes.baseAddress != nil, isASCII(bytes) else { return nil }
        let (at, slash) = Self.delimiters(bytes)
        return (at ?? -1, slash ?? bytes.count)
    }

    /// The result for an address whose every part takes its ASCII fast path (printable ASCII localpart without
    /// the §3.3.1 exclusions, LDH domain, printable ASCII resourcepart), built in one pass without intermediate
    /// results. Nil when any part needs more: `enforce` then decides, and gives the same result for the inputs
    /// accepted here (the fast-path equivalence tests compare the two).
    static func plainASCIIAddress(_ bytes: UnsafeBufferPointer<UInt8>, input: String) -> JIDResult? {
        guard let (at, end) = asciiDelimiters(bytes) else { return nil }
        let count = bytes.count
        var localpart: String?
        if at >= 0 {
            guard let ascii = asciiLocalpart(UnsafeBufferPointer(rebasing: bytes[0..<at])) else { return nil }
            localpart = ascii
        }
        guard let domain = Domainpart.fastASCII(UnsafeBufferPointer(rebasing: bytes[(at + 1)..<end])) else {
            return nil
        }
        var resourcepart: String?
        if end < count {
            guard let ascii = asciiResourcepart(UnsafeBufferPointer(rebasing: bytes[(end + 1)...])) else { return nil }
            resourcepart = ascii
        }
        let jid = JID(
            localpart: localpart, domainpart: domain.unicode, domainAscii: domain.ascii, resourcepart: resourcepart)
        return JIDResult(input: input, jid: jid, errors: [], warnings: [], suggestion: nil)
    }

    /// Whether ``plainASCIIAddress(_:input:)`` takes the address (which is then valid), with the same checks in the
    /// same order, without making its strings.
    static func isPlainASCIIAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let (at, end) = asciiDelimiters(bytes) else { return false }
        if at >= 0 && !isPlainASCIILocalpart(UnsafeBufferPointer(rebasing: bytes[0..<at])) { return false }
        guard Domainpart.isFastASCII(UnsafeBufferPointer(rebasing: bytes[(at + 1)..<end])) else { return false }
        return end == bytes.count || isPlainASCIIResourcepart(UnsafeBufferPointer(rebasing: bytes[(end + 1)...]))
    }
}
