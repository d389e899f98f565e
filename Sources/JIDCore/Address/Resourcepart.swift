/// RFC 7622 §3.4: the resourcepart, enforced with OpaqueString (RFC 8265 §4.2).
extension AddressParser {
    /// A byte that OpaqueString (and Resourceprep) leaves as it is: printable ASCII, space included.
    @inline(__always)
    static func isPlainResourcepartByte(_ byte: UInt8) -> Bool { byte >= 0x20 && byte <= 0x7E }

    /// The ASCII fast path of a resourcepart: printable ASCII, which OpaqueString leaves as it is. Nil when the
    /// general path must decide.
    /// Whether ``asciiResourcepart(_:)`` takes `bytes`.
    @inline(__always)
    static func isPlainASCIIResourcepart(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.count <= maximumPartOctets && bytes.allSatisfy(isPlainResourcepartByte)
    }

    static func asciiResourcepart(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard isPlainASCIIResourcepart(bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    func enforceResourcepart(_ bytes: UnsafeBufferPointer<UInt8>, in whole: UnsafeBufferPointer<UInt8>, from start: Int)
        -> Result<String, JIDError>
    {
        if let fast = Lanes.resourcepart(bytes) { return .success(fast) }
        let base = Self.scalarCount(whole, upTo: start)
        let scalars = UnicodeText.scalars(bytes) ?? []
        guard !scalars.isEmpty else {
            return .failure(
                JIDError(
                    .partEmpty(.resourcepart), part: .resourcepart, offset: base,
                    message: "The resource after the '/' is empty; leave out the '/' for a bare address."))
        }
        let enforced: [UInt32]
        do {
            enforced = try PrecisProfile.opaqueString.enforce(scalars: scalars)
        } catch {
            var jidError = JIDError.precis(error, part: .resourcepart, base: base, input: scalars)
            if suggests, case .disallowed(.hasCompat) = error.reason,
                let fixed = try? PrecisProfile.opaqueString.enforce(
                    scalars: UnicodeText.normalize(scalars[...], .nfkc))
            {
                jidError = jidError.with(suggestion: UnicodeText.string(fixed))
            }
            return .failure(jidError)
        }
        return Self.checkedLength(UnicodeText.string(enforced), .resourcepart, base: base)
    }
}
