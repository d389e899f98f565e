/// The work on one batch of lines, independent of every other batch: checking, output, hashes, counts.
public struct MigrationBatchResult: Sendable {
    /// The records, serialized in the requested format, in line order.
    public var output: [UInt8] = []
    /// Per line: its number and the hashes of its RFC 6122 and RFC 7622 account keys (0 when invalid).
    public var hashes: [(line: Int, legacy: UInt64, modern: UInt64)] = []
    /// Counts and examples for the batch.
    public var summary = MigrationSummary()
    /// Lines that the rename plan considers (`RenamePlan.isCandidate`), when asked for.
    public var planCandidates: [(line: Int, input: String)] = []

    public init() {}
}

/// Output formats of migration records.
public enum MigrationOutputFormat: String, Sendable, CaseIterable {
    /// One JSON object per line (`MigrationRecord` in openapi.yaml).
    case jsonl
    /// RFC 4180 CSV with a header row.
    case csv
}

/// How a batch's records are written.
public struct MigrationRecordOptions: Sendable, Hashable {
    public var format: MigrationOutputFormat
    /// Whether account keys are full JIDs (otherwise bare JIDs).
    public var fullJIDs: Bool
    /// Whether to compute the key hashes for collisions.
    public var collisions: Bool
    /// Whether an unchanged line without reasons gets the compact JSON record (`line`, `input`, `status`, `jid`,
    /// `columns`) instead of the full one.
    public var compact: Bool
    /// The names of the kept columns, in the batch's order.
    public var keep: [String]
    /// Whether to collect the lines the rename plan considers.
    public var planCandidates = false

    public init(
        format: MigrationOutputFormat = .jsonl, fullJIDs: Bool = false, collisions: Bool = true,
        compact: Bool = false, keep: [String] = []
    ) {
        self.format = format
        self.fullJIDs = fullJIDs
        self.collisions = collisions
        self.compact = compact
        self.keep = keep
    }
}

extension MigrationChecker {
    /// Checks every line of a batch.
    public func process(_ batch: LineBatch, options: MigrationRecordOptions) -> MigrationBatchResult {
        process(batch, options: options, lanes: FastLanes.self)
    }

    /// ``process(_:options:)`` with the shortcuts of `Lanes`: plain lines (``PlainLine``) and the parsers' lanes
    /// with ``FastLanes``, the general path alone with ``GeneralPathOnly``.
    package func process<Lanes: ParserLanes>(
        _ batch: LineBatch, options: MigrationRecordOptions, lanes: Lanes.Type
    ) -> MigrationBatchResult {
        var result = MigrationBatchResult()
        let format = options.format
        if format == .csv { result.output.reserveCapacity(batch.count * 120) }
        if options.collisions { result.hashes.reserveCapacity(batch.count) }
        // JSON Lines records go straight into one writer for the whole batch, which becomes the output.
        var writer = JSONWriter()
        if format == .jsonl { writer.reserve(batch.count * (options.compact ? 120 : 420)) }
        var scratch = [UInt8](repeating: 0, count: 256)
        batch.kept.withUnsafeBufferPointer { keptBytes in
            for index in 0..<batch.count {
                let line = batch.lineNumbers[index]
                let kept = KeptColumns(names: options.keep, bytes: keptBytes, ranges: batch.keptValues(index))
                let localpartLength = batch.localpartLengths[index]
                let handled =
                    localpartLength == nil
                    && batch.withLine(index) { bytes in
                        guard let plain = Lanes.plainLine(bytes, scratch: &scratch),
                            !stored || plain.isStoredCanonical(bytes, scratch: scratch)
                        else { return false }
                        appendPlainRecord(
                            plain, line: line, bytes, scratch: scratch, options: options, kept: kept, writer: &writer,
                            into: &result)
                        return true
                    }
                if handled { continue }
                let record = batch.withLine(index) {
                    check(line: line, utf8: $0, localpartLength: localpartLength, lanes: Lanes.self)
                }
                switch format {
                case .jsonl:
                    if options.compact && record.status == .unchanged && record.reasons.isEmpty,
                        let jid = record.modern.jid
                    {
                        MigrationRecord.writeCompact(
                            line: line, input: record.input, jid: jid, kept: kept, to: &writer)
                    } else {
                        record.write(to: &writer, kept: kept)
                    }
                    writer.endRecord()
                case .csv:
                    record.appendCSV(to: &result.output, kept: kept)
                }
                if options.planCandidates && RenamePlan.isCandidate(record, stored: stored) {
                    result.planCandidates.append((record.line, record.input))
                }
                if options.collisions {
                    let hashes = record.keyHashes(full: options.fullJIDs)
                    result.hashes.append((record.line, hashes.legacy, hashes.modern))
                }
                result.summary.add(record)
            }
        }
        if format == .jsonl { result.output = writer.bytes }
        return result
    }

    /// Checks one line given as a buffer.
    public func check(line: Int, utf8 bytes: UnsafeBufferPointer<UInt8>) -> MigrationRecord {
        check(line: line, utf8: bytes, localpartLength: nil, lanes: FastLanes.self)
    }

    /// Checks one line; with `localpartLength`, the line is a user name of that length, "@" and a domain, checked
    /// by its parts (an "@" or "/" in the user name is the user name's error, never a delimiter).
    package func check<Lanes: ParserLanes>(
        line: Int, utf8 bytes: UnsafeBufferPointer<UInt8>, localpartLength: Int? = nil, lanes: Lanes.Type
    ) -> MigrationRecord {
        let modern: JIDResult
        let legacy: JIDResult
        if let localpartLength {
            let localpart = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<localpartLength]), as: UTF8.self)
            let domain = String(decoding: UnsafeBufferPointer(rebasing: bytes[(localpartLength + 1)...]), as: UTF8.self)
            modern = JID.parse(localpart: localpart, domainpart: domain)
            legacy = LegacyAddressParser<Lanes>(mode: mode).parse(localpart: localpart, domainpart: domain)
        } else {
            modern = AddressParser<Lanes>.standard.parse(utf8: bytes)
            legacy =
                modern.errors.first?.code == .invalidUTF8
                ? modern : LegacyAddressParser<Lanes>(mode: mode).parse(utf8: bytes)
        }
        var (status, reasons) = Self.compare(legacy, modern)
        if stored { reasons += StoredForms.reasons(stored: bytes, legacy: legacy, modern: modern, mode: mode) }
        return MigrationRecord(line: line, legacy: legacy, modern: modern, mode: mode, status: status, reasons: reasons)
    }
}

/// The kept columns of one line: their names and values.
package struct KeptColumns {
    let names: [String]
    let bytes: UnsafeBufferPointer<UInt8>
    let ranges: ArraySlice<Range<Int>>

    static var none: KeptColumns {
        KeptColumns(names: [], bytes: UnsafeBufferPointer(start: nil, count: 0), ranges: [])
    }

    var isEmpty: Bool { ranges.isEmpty }

    /// The value of the `index`th kept column.
    func value(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[ranges[ranges.startIndex + index]])
    }
}
