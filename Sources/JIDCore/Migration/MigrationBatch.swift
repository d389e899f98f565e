/// The work on one batch of lines, independent of every other batch: checking, output, hashes, counts.
public struct MigrationBatchResult: Sendable {
    /// The records, serialized in the requested format, in line order.
    public var output: [UInt8] = []
    /// Per line: its number and the hashes of its RFC 6122 and RFC 7622 account keys (0 when invalid).
    public var hashes: [(line: Int, legacy: UInt64, modern: UInt64)] = []
    /// Counts and examples for the batch.
    public var summary = MigrationSummary()

    public init() {}
}

/// Output formats of migration records.
public enum MigrationOutputFormat: String, Sendable, CaseIterable {
    /// One JSON object per line (`MigrationRecord` in openapi.yaml).
    case jsonl
    /// RFC 4180 CSV with a header row.
    case csv
}

extension MigrationChecker {
    /// Checks every line of a batch.
    ///
    /// - Parameters:
    ///   - batch: the lines.
    ///   - format: how records are serialized into ``MigrationBatchResult/output``.
    ///   - fullJIDs: whether account keys are full JIDs (otherwise bare JIDs).
    ///   - collisions: whether to compute key hashes.
    public func process(
        _ batch: LineBatch, format: MigrationOutputFormat, fullJIDs: Bool, collisions: Bool
    ) -> MigrationBatchResult {
        process(batch, format: format, fullJIDs: fullJIDs, collisions: collisions, lanes: FastLanes.self)
    }

    /// ``process(_:format:fullJIDs:collisions:)`` with the shortcuts of `Lanes`: plain lines (``PlainLine``) and
    /// the parsers' lanes with ``FastLanes``, the general path alone with ``GeneralPathOnly``.
    package func process<Lanes: ParserLanes>(
        _ batch: LineBatch, format: MigrationOutputFormat, fullJIDs: Bool, collisions: Bool, lanes: Lanes.Type
    ) -> MigrationBatchResult {
        var result = MigrationBatchResult()
        if format == .csv { result.output.reserveCapacity(batch.count * 120) }
        if collisions { result.hashes.reserveCapacity(batch.count) }
        // JSON Lines records go straight into one writer for the whole batch, which becomes the output.
        var writer = JSONWriter()
        if format == .jsonl { writer.reserve(batch.count * 420) }
        var scratch = [UInt8](repeating: 0, count: 256)
        for index in 0..<batch.count {
            let line = batch.lineNumbers[index]
            let handled = batch.withLine(index) { bytes in
                guard let plain = Lanes.plainLine(bytes, scratch: &scratch) else { return false }
                appendPlainRecord(
                    plain, line: line, bytes, scratch: scratch, format: format, fullJIDs: fullJIDs,
                    collisions: collisions, writer: &writer, into: &result)
                return true
            }
            if handled { continue }
            let record = batch.withLine(index) { check(line: line, utf8: $0, lanes: Lanes.self) }
            switch format {
            case .jsonl:
                record.write(to: &writer)
                writer.endRecord()
            case .csv:
                record.appendCSV(to: &result.output)
            }
            if collisions {
                let hashes = record.keyHashes(full: fullJIDs)
                result.hashes.append((record.line, hashes.legacy, hashes.modern))
            }
            result.summary.add(record)
        }
        if format == .jsonl { result.output = writer.bytes }
        return result
    }

    /// Checks one line given as a buffer.
    public func check(line: Int, utf8 bytes: UnsafeBufferPointer<UInt8>) -> MigrationRecord {
        check(line: line, utf8: bytes, lanes: FastLanes.self)
    }

    package func check<Lanes: ParserLanes>(line: Int, utf8 bytes: UnsafeBufferPointer<UInt8>, lanes: Lanes.Type)
        -> MigrationRecord
    {
        let modern = AddressParser<Lanes>.standard.parse(utf8: bytes)
        let legacy: JIDResult =
            modern.errors.first?.code == .invalidUTF8
            ? modern : LegacyAddressParser<Lanes>(mode: mode).parse(utf8: bytes)
        let (status, reasons) = Self.compare(legacy, modern)
        return MigrationRecord(line: line, legacy: legacy, modern: modern, mode: mode, status: status, reasons: reasons)
    }
}
