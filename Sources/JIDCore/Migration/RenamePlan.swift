/// One proposed rename: the account as stored or listed, the name proposed for it, and why.
public struct RenameEntry: Sendable, Hashable {
    public let line: Int
    /// The input as given (for `--from`, `user@host` as the server stored them).
    public let old: String
    /// The proposed bare JID: valid, its own RFC 7622 canonical form, and taken by no other account or proposal.
    /// Nil when no name could be proposed (the domainpart itself is invalid): decide by hand.
    public let new: String?
    public let reason: String
}

/// Renames that let every account survive the move: one for each account of a merge group but the one that keeps
/// the shared name, one for each account that is invalid under RFC 7622, and, for stored names, one for each stored
/// name that is not its own canonical form. Proposed names are checked against every account of the input (by the
/// hashes of their RFC 7622 keys, so a hash collision can only skip a free name, never propose a taken one) and
/// against each other.
public struct RenamePlan: Sendable {
    public private(set) var entries: [RenameEntry] = []

    /// Whether a line's record makes it a candidate for the plan (beyond merge groups).
    public static func isCandidate(_ record: MigrationRecord, stored: Bool) -> Bool {
        switch record.status {
        case .newlyInvalid: true
        case .invalidBoth: stored
        default: stored && record.reasons.contains { $0.code == "stored-not-canonical" }
        }
    }

    /// Builds the plan.
    ///
    /// - Parameters:
    ///   - candidates: the lines for which ``isCandidate(_:stored:)`` held, in line order.
    ///   - groups: the collision groups of the whole input.
    ///   - taken: the hashes of every input's RFC 7622 bare key (`CollisionIndex.hash`), sorted.
    ///   - checker: the checker of the run (its mode and whether inputs are stored names).
    public init(
        candidates: [(line: Int, input: String)], groups: [CollisionGroup], taken: [UInt64],
        checker: MigrationChecker
    ) {
        var proposed: Set<String> = []
        var planned: Set<Int> = []
        /// Inputs whose RFC 7622 key has the hash of `key`.
        func holders(_ key: String) -> Int {
            let hash = CollisionIndex.hash(key)
            func bound(_ below: (UInt64) -> Bool) -> Int {
                var low = 0
                var high = taken.count
                while low < high {
                    let middle = (low + high) / 2
                    if below(taken[middle]) { low = middle + 1 } else { high = middle }
                }
                return low
            }
            return bound { $0 <= hash } - bound { $0 < hash }
        }
        func isTaken(_ key: String) -> Bool { proposed.contains(key) || holders(key) > 0 }
        var keepers: Set<Int> = []
        /// The first free name from `base`: itself if free, then `base-2`, `base-3`, …
        func propose(_ base: String, domain: String) -> String? {
            for attempt in 1...10_000 {
                let name = attempt == 1 ? base : "\(base)-\(attempt)"
                guard let jid = JID.parse(localpart: name, domainpart: domain).jid, jid.localpart == name else {
                    if attempt == 1 { continue }
                    return nil
                }
                let key = jid.description
                if isTaken(key) { continue }
                proposed.insert(key)
                return key
            }
            return nil
        }
        for group in groups where group.kind == .merge {
            guard let shared = JID.parse(group.key).jid else { continue }
            let keeper =
                group.inputs.firstIndex { $0.utf8.elementsEqual(group.key.utf8) }
                ?? group.inputs.indices.first { checker.check(line: 0, group.inputs[$0]).legacy.jid != nil } ?? 0
            keepers.insert(group.lines[keeper])
            for index in group.lines.indices where index != keeper && planned.insert(group.lines[index]).inserted {
                let new = shared.localpart.flatMap { propose($0, domain: shared.domainpart) }
                entries.append(
                    RenameEntry(
                        line: group.lines[index], old: group.inputs[index], new: new,
                        reason: "merge: becomes '\(group.key)' under RFC 7622, as line \(group.lines[keeper]) "
                            + "('\(group.inputs[keeper])') does"))
            }
        }
        for candidate in candidates where planned.insert(candidate.line).inserted {
            let record = checker.check(line: candidate.line, candidate.input)
            let codes = record.reasons.map(\.code).joined(separator: ";")
            if let jid = record.modern.jid {
                // A stored name that is not its own canonical form: its canonical form when no other account has
                // it (or it keeps a merge group's name), else a free name from it.
                let bare = jid.bare.description
                let free = keepers.contains(candidate.line) || (holders(bare) <= 1 && !proposed.contains(bare))
                let new = free ? bare : jid.localpart.flatMap { propose($0, domain: jid.domainpart) }
                if free { proposed.insert(bare) }
                entries.append(
                    RenameEntry(
                        line: candidate.line, old: candidate.input, new: new,
                        reason: "stored-not-canonical: RFC 7622 looks the account up as '\(bare)'"
                            + (free ? "" : ", which another account also becomes")))
                continue
            }
            let localpart = record.legacy.jid?.localpart ?? Self.localpart(of: candidate.input)
            let domain = Self.domain(of: candidate.input)
            var new: String?
            if let domain, let localpart {
                new = propose(JID.typeableLocalpart(for: localpart) ?? localpart, domain: domain)
                // Nothing typeable is valid (a mix of directions, say): the name's plain letters and digits, else
                // "user", with a number until free.
                if new == nil { new = propose(Self.plainLetters(localpart) ?? "user", domain: domain) }
            }
            entries.append(
                RenameEntry(
                    line: candidate.line, old: candidate.input, new: new,
                    reason: "\(record.status.rawValue): \(codes)"
                        + (new == nil ? " (no valid name could be proposed: decide by hand)" : "")))
        }
        entries.sort { $0.line < $1.line }
    }

    /// The ASCII letters, digits, ".", "-" and "_" of `name`, lower-cased, without leading or trailing
    /// punctuation; nil when none is left.
    static func plainLetters(_ name: String) -> String? {
        var kept = String(
            name.unicodeScalars.filter {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
                    || "._-".unicodeScalars.contains($0)
            }
            .map { Character($0) }
        ).lowercased()
        while let first = kept.first, ".-_".contains(first) { kept.removeFirst() }
        while let last = kept.last, ".-_".contains(last) { kept.removeLast() }
        return kept.isEmpty ? nil : kept
    }

    /// The user name of `user@host`: everything before the last "@" (a host never holds one).
    static func localpart(of input: String) -> String? {
        guard let at = input.utf8.lastIndex(of: UInt8(ascii: "@")) else { return nil }
        return String(input[..<at])
    }

    /// The RFC 7622 domainpart of `user@host`, when valid.
    static func domain(of input: String) -> String? {
        let afterAt = input.utf8.lastIndex(of: UInt8(ascii: "@")).map { input.utf8.index(after: $0) }
        let rest = String(input[(afterAt ?? input.startIndex)...])
        let host = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        return host.flatMap { JID.parse($0).jid?.domainpart }
    }

    /// The plan as CSV (`old,new,reason`, RFC 4180).
    public var csv: [UInt8] {
        var output = Array("old,new,reason\r\n".utf8)
        for entry in entries {
            output += Self.csvField(entry.old) + [UInt8(ascii: ",")] + Self.csvField(entry.new ?? "")
            output += [UInt8(ascii: ",")] + Self.csvField(entry.reason) + [0x0D, 0x0A]
        }
        return output
    }

    static func csvField(_ text: String) -> [UInt8] {
        var field: [UInt8] = []
        CSVField.append(Array(text.utf8), to: &field)
        return field
    }
}
