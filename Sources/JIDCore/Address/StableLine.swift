/// The lane for a whole address, any script, whose every part takes its shortcut in ``JIDParser``: a localpart and
/// resourcepart of printable ASCII or of code points stable under their profile (`stableText`), and a domainpart the
/// LDH shortcut takes or the calling thread's ``DomainMemo`` holds without warnings. Such an address is valid, and
/// its canonical parts are the input's bytes (the localpart lowered in place) and the memo's domain forms, so its
/// JID result object can be written from them without building the result (``JIDResult/writeFromBytes``).
///
/// It takes exactly what `JIDParser.parse` would answer through those shortcuts (`parse(bytes:input:)`, then
/// `enforce`), in the same order, and nothing else; `FastPathEquivalenceTests` compares its objects with the
/// general path's. ``PlainLine`` comes first for ASCII lines (it needs no UTF-8 check or memo).
struct StableLine {
    /// The lowered localpart, at the start of the scratch buffer; nil when the address has none.
    let localpartLength: Int?
    /// The canonical domainpart (U-labels), in the scratch buffer after the localpart.
    let domain: Range<Int>
    /// The domainpart with A-labels, in the scratch buffer (the same range for an LDH domain).
    let domainAscii: Range<Int>
    /// The resourcepart, in the line itself (stable text is its own enforced form).
    let resourcepart: Range<Int>?
    /// Whether the domain forms need no JSON escaping (an IDNA domainpart or IP literal never does; checked, not
    /// assumed, since they come from the memo rather than the input).
    let domainNeedsNoEscaping: Bool

    /// The address's canonical parts, or nil when the general path must decide. Writes the lowered localpart and the
    /// domain forms into `scratch`, which grows as needed.
    static func find(_ bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> StableLine? {
        let count = bytes.count
        // What `parse(bytes:input:)` checks before `enforce`.
        guard count > 0, count <= JID.maximumInputOctets, UnicodeText.isValidUTF8(bytes) else { return nil }
        let (at, slash) = JIDParser.delimiters(bytes)
        guard JIDParser.streamSafeViolation(bytes, at: at, slash: slash) == nil else { return nil }
        // The localpart: `FastLanes.localpart`, the ASCII shortcut or the stable one.
        var lowersNonASCII = false
        if let at {
            let localpart = UnsafeBufferPointer(rebasing: bytes[0..<at])
            if !JIDParser.isPlainASCIILocalpart(localpart) {
                guard let lowers = JIDParser.stableText(localpart, .identifierLowercase) else { return nil }
                lowersNonASCII = lowers
            }
        }
        // The resourcepart: `FastLanes.resourcepart`, which returns the bytes as they are.
        if let slash {
            let resourcepart = UnsafeBufferPointer(rebasing: bytes[(slash + 1)...])
            guard
                JIDParser.isPlainASCIIResourcepart(resourcepart) || JIDParser.stableText(resourcepart, .freeform) != nil
            else { return nil }
        }
        let localpartLength = at ?? 0
        let domainBytes = UnsafeBufferPointer(rebasing: bytes[(at.map { $0 + 1 } ?? 0)..<(slash ?? count)])
        // The domainpart: `FastLanes.domainpart` (LDH), else the memo, as `enforce` asks them.
        if scratch.count < count { scratch += [UInt8](repeating: 0, count: count - scratch.count) }
        let ldhLength = scratch.withUnsafeMutableBufferPointer { buffer -> Int? in
            let base = buffer.baseAddress!
            if let at {
                _ = JIDParser.writeStable(
                    UnsafeBufferPointer(rebasing: bytes[0..<at]), lowersNonASCII: lowersNonASCII, localpart: true,
                    into: base)
            }
            return Domainpart.fastASCII(domainBytes, into: base + localpartLength)
        }
        if let ldhLength {
            let domain = localpartLength..<(localpartLength + ldhLength)
            return StableLine(
                localpartLength: at, domain: domain, domainAscii: domain,
                resourcepart: slash.map { ($0 + 1)..<count }, domainNeedsNoEscaping: true)
        }
        guard let (domainpart, warnings) = DomainMemo.current.heldModern(domainBytes), warnings.isEmpty else {
            return nil
        }
        var unicode = domainpart.unicode
        var ascii = domainpart.ascii
        return unicode.withUTF8 { unicode in
            ascii.withUTF8 { ascii in
                let end = localpartLength + unicode.count + ascii.count
                if scratch.count < end { scratch += [UInt8](repeating: 0, count: end - scratch.count) }
                scratch.withUnsafeMutableBufferPointer { buffer in
                    let base = buffer.baseAddress!
                    if let unicodeBase = unicode.baseAddress {
                        (base + localpartLength).update(from: unicodeBase, count: unicode.count)
                    }
                    if let asciiBase = ascii.baseAddress {
                        (base + localpartLength + unicode.count).update(from: asciiBase, count: ascii.count)
                    }
                }
                let domainEnd = localpartLength + unicode.count
                return StableLine(
                    localpartLength: at, domain: localpartLength..<domainEnd, domainAscii: domainEnd..<end,
                    resourcepart: slash.map { ($0 + 1)..<count },
                    domainNeedsNoEscaping: JSONWriter.needsNoEscaping(unicode) && JSONWriter.needsNoEscaping(ascii))
            }
        }
    }
}
