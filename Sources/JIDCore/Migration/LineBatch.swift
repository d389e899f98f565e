/// Input lines held in one contiguous buffer: cheap to fill, cheap to hand to a worker thread.
public struct LineBatch: Sendable {
    /// The bytes of every line, back to back.
    public private(set) var storage: [UInt8] = []
    /// Where each line's bytes are in `storage`.
    public private(set) var bounds: [Range<Int>] = []
    /// Each line's 1-based line number in the input.
    public private(set) var lineNumbers: [Int] = []

    public init() {}

    public var count: Int { bounds.count }

    public mutating func append(line number: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        let start = storage.count
        storage.append(contentsOf: bytes)
        bounds.append(start..<storage.count)
        lineNumbers.append(number)
    }

    public mutating func reserve(lines: Int, bytes: Int) {
        storage.reserveCapacity(bytes)
        bounds.reserveCapacity(lines)
        lineNumbers.reserveCapacity(lines)
    }

    /// The bytes of line `index` (0-based within the batch).
    public func withLine<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[bounds[index]])) }
    }
}

/// Splits a byte stream into input lines: one address per line, or one column of a CSV/TSV file.
///
/// Handles a UTF-8 byte-order mark at the start, LF and CRLF line ends, a last line without a line end,
/// quoted CSV fields (RFC 4180, including quotes doubled and line breaks inside quotes), and lines longer than
/// any address, which are cut to ``maximumKept`` bytes so that the parser reports them as too long.
public struct LineSplitter: Sendable {
    public enum Format: Sendable, Hashable {
        case lines
        /// A delimited file with a header row; `column` names the field that holds the address.
        case delimited(separator: UInt8, column: String)
    }

    /// Why the input cannot be split as asked.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Bytes kept of an over-long line: one more than the parser accepts, so it reports `jid.too-long`.
    public static let maximumKept = JIDParser.maximumInputOctets + 1

    public let format: Format
    private var pending: [UInt8] = []
    private var pendingLine = 1
    private var physicalLine = 0
    private var startOfInput = true
    private var columnIndex: Int?
    private var headerSeen = false
    private var inQuotedField = false

    public init(format: Format) { self.format = format }

    /// Feeds bytes; complete lines are appended to `batch`.
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, into batch: inout LineBatch) throws(Failure) {
        let data = bytes
        if startOfInput {
            // A byte-order mark may be split across reads; wait for three bytes.
            if pending.count + data.count < 3 && !data.isEmpty {
                pending.append(contentsOf: data)
                return
            }
            startOfInput = false
            if !pending.isEmpty {
                let joined = pending + Array(data)
                pending = []
                try joined.withUnsafeBufferPointer { (buffer) throws(Failure) in try feedAfterBOM(buffer, into: &batch)
                }
                return
            }
        }
        try feedAfterBOM(data, into: &batch)
    }

    private mutating func feedAfterBOM(_ bytes: UnsafeBufferPointer<UInt8>, into batch: inout LineBatch) throws(Failure)
    {
        var start = 0
        if physicalLine == 0 && pending.isEmpty && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB
            && bytes[2] == 0xBF
        {
            start = 3
        }
        var index = start
        while let newline = UnsafeBufferPointer(rebasing: bytes[index...]).firstIndex(of: 0x0A) {
            let end = index + newline
            try emit(UnsafeBufferPointer(rebasing: bytes[start..<end]), into: &batch)
            index = end + 1
            start = index
        }
        if start < bytes.count { keep(UnsafeBufferPointer(rebasing: bytes[start...])) }
    }

    private mutating func keep(_ bytes: UnsafeBufferPointer<UInt8>) {
        let room = Self.maximumKept + 1 - pending.count  // +1 keeps a trailing CR distinguishable
        if room > 0 { pending.append(contentsOf: bytes.prefix(room)) }
    }

    /// Ends the input; a last line without a line end is emitted.
    public mutating func finish(into batch: inout LineBatch) throws(Failure) {
        if startOfInput {
            startOfInput = false
            if !pending.isEmpty {
                let bytes = pending
                pending = []
                try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) in try feedAfterBOM(buffer, into: &batch) }
            }
        }
        if !pending.isEmpty || inQuotedField {
            let bytes = pending
            pending = []
            physicalLine += 1
            if !inQuotedField { pendingLine = physicalLine }
            inQuotedField = false
            try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) in try emitLine(buffer, into: &batch) }
        }
        if case .delimited(_, let column) = format, !headerSeen {
            throw Failure(message: "The input has no header row, so it has no column '\(column)'.")
        }
    }

    /// A physical line ends. With `pending` bytes (the start of the line from an earlier read, or earlier lines
    /// of a quoted CSV field) it completes a record, unless a quoted field is still open.
    private mutating func emit(_ bytes: UnsafeBufferPointer<UInt8>, into batch: inout LineBatch) throws(Failure) {
        physicalLine += 1
        if !inQuotedField { pendingLine = physicalLine }
        let isDelimited = format != .lines
        if pending.isEmpty && !inQuotedField {
            if isDelimited && Self.opensQuote(bytes) {
                keep(bytes)
                pending.append(0x0A)
                inQuotedField = true
                return
            }
            return try emitLine(bytes, into: &batch)
        }
        keep(bytes)
        if isDelimited && pending.withUnsafeBufferPointer({ Self.opensQuote($0) }) {
            pending.append(0x0A)
            inQuotedField = true
            return
        }
        inQuotedField = false
        let whole = pending
        pending = []
        try whole.withUnsafeBufferPointer { (buffer) throws(Failure) in try emitLine(buffer, into: &batch) }
    }

    /// Whether a CSV text ends inside a quoted field.
    private static func opensQuote(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var inside = false
        for byte in bytes where byte == 0x22 { inside.toggle() }
        return inside
    }

    private mutating func emitLine(_ raw: UnsafeBufferPointer<UInt8>, into batch: inout LineBatch) throws(Failure) {
        var line = raw
        if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        if line.count > Self.maximumKept { line = UnsafeBufferPointer(rebasing: line.prefix(Self.maximumKept)) }
        switch format {
        case .lines:
            batch.append(line: pendingLine, line)
        case .delimited(let separator, let column):
            let fields = Self.fields(line, separator: separator)
            guard headerSeen else {
                headerSeen = true
                let names = fields.map { String(decoding: $0, as: UTF8.self).trimmingSpaces }
                guard let index = names.firstIndex(of: column) else {
                    throw Failure(
                        message: "The header row has no column '\(column)'; its columns are: "
                            + names.map { "'\($0)'" }.joined(separator: ", ") + ".")
                }
                columnIndex = index
                return
            }
            let field = columnIndex.flatMap { fields.indices.contains($0) ? fields[$0] : nil } ?? []
            field.withUnsafeBufferPointer { batch.append(line: pendingLine, $0) }
        }
    }

    /// The fields of a delimited row; quoted fields are unquoted (RFC 4180 §2).
    static func fields(_ line: UnsafeBufferPointer<UInt8>, separator: UInt8) -> [[UInt8]] {
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var index = 0
        var quoted = false
        var atFieldStart = true
        while index < line.count {
            let byte = line[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < line.count && line[index + 1] == 0x22 {
                        field.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == separator {
                fields.append(field)
                field = []
                atFieldStart = true
                index += 1
                continue
            } else if byte == 0x22 && atFieldStart && separator == 0x2C {
                quoted = true
            } else {
                field.append(byte)
            }
            atFieldStart = false
            index += 1
        }
        fields.append(field)
        return fields
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars = scalars.dropFirst() }
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
