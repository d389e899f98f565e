/// Counts and examples over a migration run. Summaries of parts of the input combine with ``merge(_:)``.
public struct MigrationSummary: Sendable {
    /// Records seen.
    public private(set) var records = 0
    /// Records per status, in the order of `MigrationStatus.allCases`.
    private var statusCounts = [Int](repeating: 0, count: MigrationStatus.allCases.count)

    /// Records per status.
    public var counts: [MigrationStatus: Int] {
        Dictionary(uniqueKeysWithValues: zip(MigrationStatus.allCases, statusCounts))
    }
    /// Reason tallies, keyed by status and reason code.
    public private(set) var reasons: [ReasonKey: ReasonTally] = [:]
    /// Merge and split groups found (set once collisions are known).
    public var merges = 0
    public var splits = 0
    /// Inputs that belong to a merge or a split group.
    public var inputsInMerges = 0
    public var inputsInSplits = 0
    /// Whether collision detection ran.
    public var collisionsChecked = false
    /// Lines that are a bare domain without a dot (no "@", no "/", no "."): in a list of addresses, user names
    /// checked as domains by mistake.
    public private(set) var userNameLike = 0

    /// How many examples each reason keeps.
    public static let examplesPerReason = 3

    public struct ReasonKey: Sendable, Hashable {
        public let status: MigrationStatus
        public let code: String
    }

    public struct ReasonTally: Sendable {
        public var count = 0
        public var examples: [(line: Int, input: String)] = []
    }

    public init() {}

    public mutating func add(_ record: MigrationRecord) {
        records += 1
        statusCounts[record.status.index] += 1
        if let jid = record.modern.jid ?? record.legacy.jid, jid.localpart == nil, jid.resourcepart == nil,
            !jid.domainpart.utf8.contains(UInt8(ascii: "."))
        {
            userNameLike += 1
        }
        for reason in record.reasons {
            let key = ReasonKey(status: record.status, code: reason.code)
            var tally = reasons[key] ?? ReasonTally()
            tally.count += 1
            if tally.examples.count < Self.examplesPerReason { tally.examples.append((record.line, record.input)) }
            reasons[key] = tally
        }
    }

    /// Adds the counts of a summary of later input.
    public mutating func merge(_ other: MigrationSummary) {
        records += other.records
        userNameLike += other.userNameLike
        for index in statusCounts.indices { statusCounts[index] += other.statusCounts[index] }
        for (key, tally) in other.reasons {
            var mine = reasons[key] ?? ReasonTally()
            mine.count += tally.count
            mine.examples += tally.examples.prefix(Self.examplesPerReason - mine.examples.count)
            reasons[key] = mine
        }
    }

    /// Counts an unchanged record (which has no reasons).
    mutating func addUnchanged(userNameLike: Bool) {
        if userNameLike { self.userNameLike += 1 }
        records += 1
        statusCounts[MigrationStatus.unchanged.index] += 1
    }

    /// Reasons by descending count (then code), at most `limit`.
    public func topReasons(_ limit: Int) -> [(key: ReasonKey, tally: ReasonTally)] {
        reasons.sorted { ($1.value.count, $0.key.code) < ($0.value.count, $1.key.code) }.prefix(limit)
            .map { ($0.key, $0.value) }
    }

    /// A report for people.
    public func report(interrupted: Bool = false, topReasons limit: Int = 10) -> String {
        var text = interrupted ? "Interrupted: summary of the \(records) lines processed so far\n" : ""
        text += "\(records) lines\n"
        for status in MigrationStatus.allCases {
            let count = statusCounts[status.index]
            let share = records == 0 ? 0 : Double(count) * 100 / Double(records)
            let padded = status.rawValue + String(repeating: " ", count: max(0, 18 - status.rawValue.count))
            let hundredths = Int((share * 100).rounded())
            let percent = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)%"
            text += "  \(padded) \(count)  (\(percent))\n"
        }
        if collisionsChecked {
            text +=
                "collisions: \(merges) merge groups (\(inputsInMerges) inputs), "
                + "\(splits) split groups (\(inputsInSplits) inputs)\n"
        }
        let top = topReasons(limit)
        if !top.isEmpty {
            text += "top reasons:\n"
            for (key, tally) in top {
                text += "  \(tally.count)  \(key.status.rawValue)  \(key.code)\n"
                for example in tally.examples { text += "      line \(example.line): \(example.input)\n" }
            }
        }
        return text
    }

    /// The summary as a JSON object.
    public func json(interrupted: Bool = false) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.bool("complete", !interrupted)
        writer.integer("lines", records)
        writer.beginObject("statuses")
        writer.integer("unchanged", counts[.unchanged] ?? 0)
        writer.integer("canonical-changed", counts[.canonicalChanged] ?? 0)
        writer.integer("newly-invalid", counts[.newlyInvalid] ?? 0)
        writer.integer("newly-valid", counts[.newlyValid] ?? 0)
        writer.integer("invalid-both", counts[.invalidBoth] ?? 0)
        writer.endObject()
        if collisionsChecked {
            writer.beginObject("collisions")
            writer.integer("mergeGroups", merges)
            writer.integer("inputsInMerges", inputsInMerges)
            writer.integer("splitGroups", splits)
            writer.integer("inputsInSplits", inputsInSplits)
            writer.endObject()
        } else {
            writer.string("collisions", nil)
        }
        writer.beginArray("reasons")
        for (key, tally) in topReasons(reasons.count) {
            writer.beginObject()
            writer.string("status", key.status.rawValue)
            writer.string("code", key.code)
            writer.integer("count", tally.count)
            writer.beginArray("examples")
            for example in tally.examples {
                writer.beginObject()
                writer.integer("line", example.line)
                writer.string("input", example.input)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }
}

extension MigrationStatus {
    /// Position in `allCases`.
    var index: Int {
        switch self {
        case .unchanged: 0
        case .canonicalChanged: 1
        case .newlyInvalid: 2
        case .newlyValid: 3
        case .invalidBoth: 4
        }
    }
}
