/// The shortcuts a parser may take before its general path, as a type: ``FastLanes`` in production,
/// ``GeneralPathOnly`` as the reference the shortcuts are tested against (the fast-path equivalence tests and the
/// fuzzers compare the two on every input they make).
///
/// A shortcut only ever accepts: it returns the enforced form when it is sure the general path would return exactly
/// that, and nil otherwise; errors come from the general path alone.
package protocol ParserLanes: Sendable {
    /// A whole RFC 7622 address whose every part takes its ASCII shortcut.
    static func address(_ bytes: UnsafeBufferPointer<UInt8>, input: String) -> JIDResult?
    /// Whether ``address(_:input:)`` takes the address, without making its result.
    static func takesAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool
    /// Whether each part of a well-formed, stream-safe address split at `at` and `slash` takes its shortcut
    /// (``localpart(_:)``, ``domainpart(_:)`` or a domain the memo holds, ``resourcepart(_:)``), so that the address
    /// is valid, without making any part.
    static func takesParts(_ bytes: UnsafeBufferPointer<UInt8>, at: Int?, slash: Int?) -> Bool
    /// An RFC 7622 localpart (UsernameCaseMapped, §3.3.1 exclusions) that needs at most lower-casing.
    static func localpart(_ bytes: UnsafeBufferPointer<UInt8>) -> String?
    /// An RFC 7622 resourcepart (OpaqueString) that enforcement leaves as it is.
    static func resourcepart(_ bytes: UnsafeBufferPointer<UInt8>) -> String?
    /// An LDH domainpart, valid under both RFCs, in its canonical (lower-case, no trailing dot) form.
    static func domainpart(_ bytes: UnsafeBufferPointer<UInt8>) -> Domainpart?
    /// The RFC 7622 domainpart outcome, from the memo or from `compute`.
    static func domainpart(_ bytes: UnsafeBufferPointer<UInt8>, compute: () -> Domainpart.Outcome)
        -> Domainpart.Outcome
    /// The RFC 6122 domainpart, from the memo or from `compute`.
    static func legacyDomainpart(
        _ bytes: UnsafeBufferPointer<UInt8>, mode: StringprepMode,
        compute: () -> Result<(unicode: String, ascii: String), JIDError>
    ) -> Result<(unicode: String, ascii: String), JIDError>
    /// An RFC 6122 localpart (Nodeprep) or resourcepart (Resourceprep) of printable ASCII, prepared.
    static func legacyPart(_ part: JIDPart, _ bytes: UnsafeBufferPointer<UInt8>) -> String?
    /// A migration line that both RFCs accept unchanged, its canonical parts written into `scratch`.
    static func plainLine(_ bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> PlainLine?
}

/// Every shortcut: ASCII and stable non-ASCII parts, LDH domains, and the calling thread's ``DomainMemo``.
package enum FastLanes: ParserLanes {
    package static func address(_ bytes: UnsafeBufferPointer<UInt8>, input: String) -> JIDResult? {
        JIDParser.plainASCIIAddress(bytes, input: input)
    }

    package static func takesAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        JIDParser.isPlainASCIIAddress(bytes)
    }

    package static func takesParts(_ bytes: UnsafeBufferPointer<UInt8>, at: Int?, slash: Int?) -> Bool {
        let end = slash ?? bytes.count
        if let at {
            let localpart = UnsafeBufferPointer(rebasing: bytes[0..<at])
            guard
                JIDParser.isPlainASCIILocalpart(localpart)
                    || JIDParser.stableText(localpart, .identifierLowercase) != nil
            else { return false }
        }
        let domainpart = UnsafeBufferPointer(rebasing: bytes[(at.map { $0 + 1 } ?? 0)..<end])
        guard Domainpart.isFastASCII(domainpart) || DomainMemo.current.holdsModern(domainpart) else { return false }
        guard let slash else { return true }
        let resourcepart = UnsafeBufferPointer(rebasing: bytes[(slash + 1)...])
        return JIDParser.isPlainASCIIResourcepart(resourcepart) || JIDParser.stableText(resourcepart, .freeform) != nil
    }

    package static func localpart(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        JIDParser.asciiLocalpart(bytes) ?? JIDParser.stableNonASCII(bytes, .identifierLowercase)
    }

    package static func resourcepart(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        JIDParser.asciiResourcepart(bytes) ?? JIDParser.stableNonASCII(bytes, .freeform)
    }

    package static func domainpart(_ bytes: UnsafeBufferPointer<UInt8>) -> Domainpart? { Domainpart.fastASCII(bytes) }

    package static func domainpart(_ bytes: UnsafeBufferPointer<UInt8>, compute: () -> Domainpart.Outcome)
        -> Domainpart.Outcome
    {
        DomainMemo.current.modern(bytes, compute: compute)
    }

    package static func legacyDomainpart(
        _ bytes: UnsafeBufferPointer<UInt8>, mode: StringprepMode,
        compute: () -> Result<(unicode: String, ascii: String), JIDError>
    ) -> Result<(unicode: String, ascii: String), JIDError> {
        DomainMemo.current.legacy(bytes, mode: mode, compute: compute)
    }

    package static func legacyPart(_ part: JIDPart, _ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // ASCII: Nodeprep lower-cases and prohibits controls, space and " & ' / : < > @ (RFC 3920 A.5), exactly
        // what the RFC 7622 localpart shortcut accepts; Resourceprep changes nothing and prohibits controls (B.5).
        part == .localpart ? JIDParser.asciiLocalpart(bytes) : JIDParser.asciiResourcepart(bytes)
    }

    package static func plainLine(_ bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> PlainLine? {
        PlainLine.find(bytes, scratch: &scratch)
    }
}

/// No shortcut and no memo: every part through the general path. The reference for ``FastLanes``.
package enum GeneralPathOnly: ParserLanes {
    package static func address(_ bytes: UnsafeBufferPointer<UInt8>, input: String) -> JIDResult? { nil }
    package static func takesAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { false }
    package static func takesParts(_ bytes: UnsafeBufferPointer<UInt8>, at: Int?, slash: Int?) -> Bool { false }
    package static func localpart(_ bytes: UnsafeBufferPointer<UInt8>) -> String? { nil }
    package static func resourcepart(_ bytes: UnsafeBufferPointer<UInt8>) -> String? { nil }
    package static func domainpart(_ bytes: UnsafeBufferPointer<UInt8>) -> Domainpart? { nil }

    package static func domainpart(_ bytes: UnsafeBufferPointer<UInt8>, compute: () -> Domainpart.Outcome)
        -> Domainpart.Outcome
    { compute() }

    package static func legacyDomainpart(
        _ bytes: UnsafeBufferPointer<UInt8>, mode: StringprepMode,
        compute: () -> Result<(unicode: String, ascii: String), JIDError>
    ) -> Result<(unicode: String, ascii: String), JIDError> { compute() }

    package static func legacyPart(_ part: JIDPart, _ bytes: UnsafeBufferPointer<UInt8>) -> String? { nil }

    package static func plainLine(_ bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> PlainLine? {
        nil
    }
}
