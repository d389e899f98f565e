/// The fast lane for the common line: plain ASCII that the RFC 7622 ASCII fast paths accept.
///
/// Such a line is also accepted, with the same canonical form, by the RFC 6122 ASCII fast paths: Nodeprep on
/// ASCII lower-cases and allows exactly the bytes the localpart fast path allows, Resourceprep on printable
/// ASCII changes nothing, and both RFCs share the domain fast path. Its record is therefore "unchanged": the lane
/// finds the canonical parts in place and hands them to the same record writers as the general path
/// (`MigrationRecord.write`, `MigrationRecord.appendCSV`). `MigrationFastLaneTests` compare whole batches with
/// ``GeneralPathOnly``.
package struct PlainLine {
    /// The lower-cased localpart, at the start of the scratch buffer; nil when the line has none.
    let localpartLength: Int?
    /// The canonical domainpart, in the scratch buffer after the localpart.
    let domain: Range<Int>
    /// The resourcepart, in the line itself (printable ASCII is its own canonical form).
    let resourcepart: Range<Int>?

    /// The plain line's parts, or nil when the general path must decide. Writes the canonical localpart and
    /// domainpart into `scratch`, which grows as needed.
    static func find(_ bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> PlainLine? {
        let count = bytes.count
        // The whole-address lane's split and part checks (`JIDParser.isPlainASCIIAddress`), eight bytes at a time.
        guard count > 0, count <= 3 * JIDParser.maximumPartOctets + 2,
            let (at, domainEnd) = JIDParser.asciiDelimiters(bytes)
        else { return nil }
        if at >= 0 && !JIDParser.isPlainASCIILocalpart(UnsafeBufferPointer(rebasing: bytes[0..<at])) { return nil }
        if domainEnd < count
            && !JIDParser.isPlainASCIIResourcepart(UnsafeBufferPointer(rebasing: bytes[(domainEnd + 1)...]))
        {
            return nil
        }
        if scratch.count < count { scratch += [UInt8](repeating: 0, count: count - scratch.count) }
        let localpartLength = max(at, 0)
        let domainLength = scratch.withUnsafeMutableBufferPointer { buffer -> Int? in
            let base = buffer.baseAddress!
            for index in 0..<localpartLength { base[index] = ASCII.lowercased(bytes[index]) }
            return Domainpart.fastASCII(
                UnsafeBufferPointer(rebasing: bytes[(at + 1)..<domainEnd]), into: base + localpartLength)
        }
        guard let domainLength else { return nil }
        return PlainLine(
            localpartLength: at >= 0 ? at : nil, domain: localpartLength..<(localpartLength + domainLength),
            resourcepart: domainEnd < count ? (domainEnd + 1)..<count : nil)
    }

    /// For stored names: whether the line is its own canonical form (the canonical parts in `scratch` are the
    /// line's bytes) and its localpart holds no "ss", which a typed "ß" reached under RFC 6122 (`StoredForms`).
    /// Other lines take the general path, which says why.
    func isStoredCanonical(_ bytes: UnsafeBufferPointer<UInt8>, scratch: [UInt8]) -> Bool {
        let localpartCount = localpartLength ?? 0
        let bareEnd = localpartLength.map { $0 + 1 + domain.count } ?? domain.count
        guard bytes.count == (resourcepart.map { bareEnd + 1 + $0.count } ?? bareEnd) else { return false }
        for index in 0..<localpartCount {
            if bytes[index] != scratch[index] { return false }
            if index > 0 && bytes[index] == UInt8(ascii: "s") && bytes[index - 1] == UInt8(ascii: "s") { return false }
        }
        let domainStart = localpartLength.map { $0 + 1 } ?? 0
        for offset in 0..<domain.count where bytes[domainStart + offset] != scratch[domain.lowerBound + offset] {
            return false
        }
        return true
    }
}

extension MigrationChecker {
    /// Appends the record of a plain line through the record writers, with its collision hashes and counts.
    func appendPlainRecord(
        _ plain: PlainLine, line: Int, _ bytes: UnsafeBufferPointer<UInt8>, scratch: [UInt8],
        options: MigrationRecordOptions, kept: KeptColumns, writer: inout JSONWriter,
        into result: inout MigrationBatchResult
    ) {
        scratch.withUnsafeBufferPointer { scratch in
            let domain = UnsafeBufferPointer(rebasing: scratch[plain.domain])
            let localpart = plain.localpartLength.map { UnsafeBufferPointer(rebasing: scratch[0..<$0]) }
            let resourcepart = plain.resourcepart.map { UnsafeBufferPointer(rebasing: bytes[$0]) }
            let address = PlainAddress(localpart: localpart, domainpart: domain, resourcepart: resourcepart)
            switch options.format {
            case .jsonl:
                if options.compact {
                    MigrationRecord.writeCompact(line: line, input: bytes, jid: address, kept: kept, to: &writer)
                } else {
                    MigrationRecord.write(
                        line: line, input: bytes, mode: mode, legacy: address, legacyErrors: [], modern: address,
                        modernErrors: [], warnings: [], suggestion: nil, status: .unchanged, reasons: [], kept: kept,
                        to: &writer)
                }
                writer.endRecord()
            case .csv:
                MigrationRecord.appendCSV(
                    line: line, input: bytes, status: .unchanged, legacy: address, modern: address, reasons: [],
                    kept: kept, to: &result.output)
            }
            if options.collisions {
                var hash = FNV1a()
                if let localpart {
                    hash.add(localpart)
                    hash.add(UInt8(ascii: "@"))
                }
                hash.add(domain)
                if options.fullJIDs, let resourcepart {
                    hash.add(UInt8(ascii: "/"))
                    hash.add(resourcepart)
                }
                result.hashes.append((line, hash.value, hash.value))
            }
        }
        let userNameLike =
            plain.localpartLength == nil && plain.resourcepart == nil && !bytes.contains(UInt8(ascii: "."))
        result.summary.addUnchanged(userNameLike: userNameLike)
    }
}

/// The canonical parts of a plain line (or of an address the stable lane takes), in place.
struct PlainAddress: AddressParts {
    let localpart: UnsafeBufferPointer<UInt8>?
    let domainpart: UnsafeBufferPointer<UInt8>
    /// The domainpart with A-labels; an LDH domain is its own.
    let domainAscii: UnsafeBufferPointer<UInt8>
    let resourcepart: UnsafeBufferPointer<UInt8>?

    init(
        localpart: UnsafeBufferPointer<UInt8>?, domainpart: UnsafeBufferPointer<UInt8>,
        domainAscii: UnsafeBufferPointer<UInt8>? = nil, resourcepart: UnsafeBufferPointer<UInt8>?
    ) {
        self.localpart = localpart
        self.domainpart = domainpart
        self.domainAscii = domainAscii ?? domainpart
        self.resourcepart = resourcepart
    }

    var localpartText: UnsafeBufferPointer<UInt8>? { localpart }
    var domainpartText: UnsafeBufferPointer<UInt8> { domainpart }
    var domainAsciiText: UnsafeBufferPointer<UInt8> { domainAscii }
    var resourcepartText: UnsafeBufferPointer<UInt8>? { resourcepart }
}

/// A ``PlainAddress`` whose bytes are known to need no JSON escaping.
struct VerbatimAddress: AddressParts {
    let plain: PlainAddress

    init(_ plain: PlainAddress) { self.plain = plain }

    var localpartText: VerbatimText? { plain.localpart.map(VerbatimText.init) }
    var domainpartText: VerbatimText { VerbatimText(bytes: plain.domainpart) }
    var domainAsciiText: VerbatimText { VerbatimText(bytes: plain.domainAscii) }
    var resourcepartText: VerbatimText? { plain.resourcepart.map(VerbatimText.init) }
}
