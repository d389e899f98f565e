#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Input lines held in one contiguous buffer: cheap to fill, cheap to hand to a worker thread.
public struct LineBatch: Sendable {
    /// The bytes of every line, back to back.
    public private(set) var storage: [UInt8] = []
    /// Where each line's bytes are in `storage`.
    public private(set) var bounds: [Range<Int>] = []
    /// Each line's 1-based line number in the input.
    public private(set) var lineNumbers: [Int] = []
    /// The kept columns' values (`InputLayout.keep`), back to back, and where each is: `keptPerLine` ranges per line.
    public private(set) var kept: [UInt8] = []
    public private(set) var keptBounds: [Range<Int>] = []
    public private(set) var keptPerLine = 0
    /// Lines made of a user name and a domain whose user name holds "@" or "/": index in the batch → the length of
    /// the user name, so that the address is checked by its parts and never split again.
    public private(set) var localpartLengths: [Int: Int] = [:]

    public init() {}

    /// The lines of `block` in place, without copying them: each ends at a line feed (the last may end at the end
    /// of the block), less a carriage return before it, cut to ``LineSplitter/maximumKept`` bytes, as
    /// ``LineSplitter`` gives one address per line. The lines are not numbered (`lineNumbers` stays empty): for
    /// `jid check`, whose results carry no line number.
    public init(unnumberedLinesOf block: [UInt8]) {
        storage = block
        bounds.reserveCapacity(block.count / 16)
        let maximum = LineSplitter.maximumKept
        block.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count {
                let end =
                    memchr(base + start, 0x0A, bytes.count - start).map {
                        base.distance(to: $0.assumingMemoryBound(to: UInt8.self))
                    } ?? bytes.count
                var last = end
                if last > start && bytes[last - 1] == 0x0D { last -= 1 }
                bounds.append(start..<min(last, start + maximum))
                start = end + 1
            }
        }
    }

    public var count: Int { bounds.count }

    public mutating func append(line number: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        let start = storage.count
        storage.append(contentsOf: bytes)
        bounds.append(start..<storage.count)
        lineNumbers.append(number)
    }

    /// Appends a line made of a user name and a domain (`localpart@domain`), with the kept columns' values.
    mutating func append(
        line number: Int, localpart: UnsafeBufferPointer<UInt8>?, _ bytes: UnsafeBufferPointer<UInt8>,
        kept values: [ArraySlice<UInt8>]
    ) {
        if let localpart, localpart.contains(where: { $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "/") }) {
            localpartLengths[bounds.count] = localpart.count
        }
        append(line: number, bytes)
        keptPerLine = values.count
        for value in values {
            let start = kept.count
            kept.append(contentsOf: value)
            keptBounds.append(start..<kept.count)
        }
    }

    /// Empties the batch, keeping its storage.
    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        bounds.removeAll(keepingCapacity: true)
        lineNumbers.removeAll(keepingCapacity: true)
        kept.removeAll(keepingCapacity: true)
        keptBounds.removeAll(keepingCapacity: true)
        localpartLengths.removeAll()
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

    /// The kept columns' values of line `index`, in `InputLayout.keep` order.
    public func keptValues(_ index: Int) -> ArraySlice<Range<Int>> {
        keptBounds[(index * keptPerLine)..<((index + 1) * keptPerLine)]
    }
}

/// What the input holds and where: one address per line, one user name per line at a fixed domain, or columns of
/// a CSV or TSV file with a header row (an address column, or a user-name column with a domain column or a fixed
/// domain), and the columns carried into every record.
public struct InputLayout: Sendable, Hashable {
    /// The field separator of a delimited file (`,` or tab); nil for one value per line.
    public var separator: UInt8?
    /// The column that holds whole addresses.
    public var addressColumn: String?
    /// The column that holds user names (localparts).
    public var localpartColumn: String?
    /// The column that holds each user's domain.
    public var domainColumn: String?
    /// The domain of every user name (user-name lists, or a user-name column without a domain column).
    public var domain: String?
    /// Columns copied into every record, as they are (a primary key, a creation date).
    public var keep: [String]
    /// Whether records are numbered in order (1, 2, …, the header row not counted) rather than by the physical
    /// line they start on: for files written for the run (`--from`), whose lines nobody opens.
    public var numbersRecords = false

    public init(
        separator: UInt8? = nil, addressColumn: String? = nil, localpartColumn: String? = nil,
        domainColumn: String? = nil, domain: String? = nil, keep: [String] = []
    ) {
        self.separator = separator
        self.addressColumn = addressColumn
        self.localpartColumn = localpartColumn
        self.domainColumn = domainColumn
        self.domain = domain
        self.keep = keep
    }

    /// One address per line.
    public static let lines = InputLayout()

    /// Whether the input holds user names that are made into addresses with a domain.
    public var composesAddresses: Bool { localpartColumn != nil || (separator == nil && domain != nil) }

    /// Why the layout cannot be used, or nil.
    public var problem: String? {
        guard separator != nil else {
            if addressColumn != nil || localpartColumn != nil || domainColumn != nil || !keep.isEmpty {
                return "columns apply to CSV and TSV input only"
            }
            return nil
        }
        switch (addressColumn, localpartColumn) {
        case (nil, nil): return "name the address column, or the user-name column"
        case (_?, _?): return "name either the address column or the user-name column, not both"
        case (_?, nil):
            if domainColumn != nil || domain != nil {
                return "a domain applies to a user-name column, not to an address column"
            }
        case (nil, _?):
            if (domainColumn == nil) == (domain == nil) {
                return "a user-name column needs either a domain column or a domain"
            }
        }
        let named = [addressColumn, localpartColumn, domainColumn].compactMap { $0 }
        if let repeated = keep.first(where: { name in keep.filter { $0 == name }.count > 1 }) {
            return "the column '\(repeated)' is kept twice"
        }
        if named.count > Set(named).count { return "one column is named for two purposes" }
        return nil
    }
}

/// Splits a byte stream into input lines: one address per line, or one column of a CSV/TSV file.
///
/// Handles a UTF-8 byte-order mark at the start, LF and CRLF line ends, a last line without a line end,
/// quoted CSV fields (RFC 4180, including quotes doubled and line breaks inside quotes), and lines longer than
/// any address, which are cut to ``maximumKept`` bytes so that the parser reports them as too long.
public struct LineSplitter: Sendable {
    /// Why the input cannot be split as asked.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Bytes kept of an over-long line: one more than the parser accepts, so it reports `jid.too-long`.
    public static let maximumKept = JIDParser.maximumInputOctets + 1

    public let format: InputLayout
    /// Field positions, from the header row: the address or user name, the domain, the kept columns.
    private var addressIndex: Int?
    private var domainIndex: Int?
    private var keptIndexes: [Int] = []
    private var composed: [UInt8] = []
    private var recordsSeen = 0
    private var pending: [UInt8] = []
    private var pendingLine = 1
    private var physicalLine = 0
    private var startOfInput = true
    private var markChecked = false
    private var columnIndex: Int?
    private var headerSeen = false
    private var inQuotedField = false

    /// `format.domain`'s bytes, made once.
    private let domainBytes: ArraySlice<UInt8>?
    /// One address per line, numbered by physical line: each line is appended as it is (less a CR, cut to
    /// ``maximumKept``), with no work per line beyond that.
    private let plainLines: Bool

    public init(format: InputLayout) {
        self.format = format
        domainBytes = format.domain.map { Array($0.utf8)[...] }
        plainLines = format.separator == nil && format.domain == nil && !format.numbersRecords
    }

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
        // Only the input's first three bytes can be a byte-order mark: one right after it is a line's content,
        // whatever the reads are.
        if !markChecked {
            markChecked = true
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        }
        guard let base = bytes.baseAddress else { return }
        var index = start
        while index < bytes.count, let found = memchr(base + index, 0x0A, bytes.count - index) {
            let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if plainLines && pending.isEmpty {
                // What `emit` and `emitLine` do for such a line, without their checks.
                physicalLine += 1
                pendingLine = physicalLine
                var line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
                if line.count > Self.maximumKept { line = UnsafeBufferPointer(rebasing: line.prefix(Self.maximumKept)) }
                batch.append(line: pendingLine, line)
            } else {
                try emit(UnsafeBufferPointer(rebasing: bytes[start..<end]), into: &batch)
            }
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
        if format.separator != nil, !headerSeen {
            let column = format.addressColumn ?? format.localpartColumn ?? ""
            throw Failure(message: "The input has no header row, so it has no column '\(column)'.")
        }
    }

    /// A physical line ends. With `pending` bytes (the start of the line from an earlier read, or earlier lines
    /// of a quoted CSV field) it completes a record, unless a quoted field is still open.
    private mutating func emit(_ bytes: UnsafeBufferPointer<UInt8>, into batch: inout LineBatch) throws(Failure) {
        physicalLine += 1
        if !inQuotedField { pendingLine = physicalLine }
        let isDelimited = format.separator != nil
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
        if format.numbersRecords {
            if format.separator == nil || headerSeen { recordsSeen += 1 }
            pendingLine = recordsSeen
        }
        if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        if line.count > Self.maximumKept { line = UnsafeBufferPointer(rebasing: line.prefix(Self.maximumKept)) }
        guard let separator = format.separator else {
            guard let domainBytes else { return batch.append(line: pendingLine, line) }
            return compose(localpart: line, domain: domainBytes, kept: [], into: &batch)
        }
        let fields = Self.fields(line, separator: separator)
        guard headerSeen else {
            headerSeen = true
            let names = fields.map { String(decoding: $0, as: UTF8.self).trimmingSpaces }
            func position(_ column: String) throws(Failure) -> Int {
                guard let index = names.firstIndex(of: column) else {
                    throw Failure(
                        message: "The header row has no column '\(column)'; its columns are: "
                            + names.map { "'\($0)'" }.joined(separator: ", ") + ".")
                }
                return index
            }
            addressIndex = try position(format.addressColumn ?? format.localpartColumn ?? "")
            domainIndex = try format.domainColumn.map { (column) throws(Failure) in try position(column) }
            keptIndexes = []
            for column in format.keep { keptIndexes.append(try position(column)) }
            return
        }
        func field(_ index: Int?) -> ArraySlice<UInt8> {
            guard let index, fields.indices.contains(index) else { return [] }
            return fields[index][...]
        }
        let kept = keptIndexes.map { field($0) }
        let value = field(addressIndex)
        if format.localpartColumn != nil {
            let domain = domainBytes ?? field(domainIndex)
            value.withUnsafeBufferPointer { compose(localpart: $0, domain: domain, kept: kept, into: &batch) }
        } else {
            value.withUnsafeBufferPointer { batch.append(line: pendingLine, localpart: nil, $0, kept: kept) }
        }
    }

    /// Appends `localpart@domain` (an empty user name stays empty, so that the line reports an empty localpart).
    private mutating func compose(
        localpart: UnsafeBufferPointer<UInt8>, domain: ArraySlice<UInt8>, kept: [ArraySlice<UInt8>],
        into batch: inout LineBatch
    ) {
        composed.removeAll(keepingCapacity: true)
        composed.append(contentsOf: localpart.prefix(Self.maximumKept))
        composed.append(UInt8(ascii: "@"))
        composed.append(contentsOf: domain.prefix(Self.maximumKept))
        let line = pendingLine
        composed.withUnsafeBufferPointer { all in
            batch.append(
                line: line, localpart: UnsafeBufferPointer(rebasing: all[0..<min(localpart.count, Self.maximumKept)]),
                all, kept: kept)
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
