/// How an address fares in the move from RFC 6122 (stringprep) to RFC 7622 (PRECIS).
public enum MigrationStatus: String, Sendable, Hashable, CaseIterable {
    /// Valid under both, with the same canonical form.
    case unchanged
    /// Valid under both, but the canonical form differs: the account's identifier changes.
    case canonicalChanged = "canonical-changed"
    /// Valid under RFC 6122, invalid under RFC 7622.
    case newlyInvalid = "newly-invalid"
    /// Invalid under RFC 6122, valid under RFC 7622.
    case newlyValid = "newly-valid"
    /// Invalid under both.
    case invalidBoth = "invalid-both"
}

/// Why an address's status is what it is.
public struct MigrationReason: Sendable, Hashable {
    /// A stable code: `sharp-s-kept`, `final-sigma-kept`, `compatibility-character-kept`, `case-mapping-differs`,
    /// `domain-mapping-differs`, `mapping-differs`, or an error code such as
    /// `localpart.disallowed-codepoint/has-compat` (RFC 7622) or `rfc6122:localpart.unassigned-codepoint`.
    public let code: String
    /// The part concerned.
    public let part: JIDPart?
    /// A sentence with the specifics.
    public let detail: String
}

/// One input line checked under both RFCs.
public struct MigrationRecord: Sendable {
    /// 1-based line number in the input.
    public let line: Int
    /// The result under RFC 6122.
    public let legacy: JIDResult
    /// The result under RFC 7622.
    public let modern: JIDResult
    /// The stringprep mode used for RFC 6122.
    public let mode: StringprepMode
    public let status: MigrationStatus
    public let reasons: [MigrationReason]

    /// The input as given.
    public var input: String { modern.input }

    /// The hashes of ``keys(full:)`` (0 when there is no key), computed from the parts without building strings.
    public func keyHashes(full: Bool) -> (legacy: UInt64, modern: UInt64) {
        func hash(_ result: JIDResult) -> UInt64? {
            guard let jid = result.jid else { return nil }
            var hash = FNV1a()
            if let localpart = jid.localpart {
                hash.add(localpart)
                hash.add(UInt8(ascii: "@"))
            }
            hash.add(jid.domainpart)
            if full, let resourcepart = jid.resourcepart {
                hash.add(UInt8(ascii: "/"))
                hash.add(resourcepart)
            }
            return hash.value
        }
        if let legacyHash = hash(legacy), let modernHash = hash(modern) { return (legacyHash, modernHash) }
        let keys = keys(full: full)  // a part is invalid: the rare path
        return (CollisionIndex.hash(keys.legacy), CollisionIndex.hash(keys.modern))
    }

    /// The identity of the account under each RFC: bare JIDs by default, full JIDs when `full`.
    ///
    /// A bare key exists whenever the localpart and domainpart are valid, even if the resourcepart is not: the
    /// account is the same whatever resource a line carries.
    public func keys(full: Bool) -> (legacy: String?, modern: String?) {
        if full { return (legacy.jid?.description, modern.jid?.description) }
        func bareKey(_ result: JIDResult, _ parse: (String) -> JIDResult) -> String? {
            if let jid = result.jid { return jid.bare.description }
            guard !result.errors.isEmpty, result.errors.allSatisfy({ $0.part == .resourcepart }) else { return nil }
            let scalars = input.unicodeScalars
            let bare = String(scalars[..<(scalars.firstIndex(of: "/") ?? scalars.endIndex)])
            return parse(bare).jid?.description
        }
        return (
            bareKey(legacy) { LegacyJIDParser(mode: mode).parse($0) },
            bareKey(modern) { JID.parse($0) }
        )
    }
}

/// Checks addresses under RFC 6122 and RFC 7622 and explains the difference.
public struct MigrationChecker: Sendable {
    /// Stored (unassigned code points of Unicode 3.2 are errors) or query mode for RFC 6122.
    public let mode: StringprepMode
    /// Whether each input is a stored name, as an RFC 6122 server stored it (its Nodeprep output), rather than
    /// what someone typed: then the records also say whether the stored name is its own canonical form and which
    /// typed forms reached the account under RFC 6122 but will not under RFC 7622 (`StoredForms`).
    public let stored: Bool

    public init(mode: StringprepMode = .stored, stored: Bool = false) {
        self.mode = mode
        self.stored = stored
    }

    /// Checks one line of input (UTF-8 bytes, without its line terminator).
    public func check(line: Int, utf8 bytes: [UInt8]) -> MigrationRecord {
        bytes.withUnsafeBufferPointer { check(line: line, utf8: $0) }
    }

    /// Checks one address.
    public func check(line: Int, _ input: String) -> MigrationRecord { check(line: line, utf8: Array(input.utf8)) }

    static func compare(_ legacy: JIDResult, _ modern: JIDResult) -> (MigrationStatus, [MigrationReason]) {
        switch (legacy.jid, modern.jid) {
        case (let old?, let new?):
            if old == new { return (.unchanged, []) }
            return (.canonicalChanged, changes(from: old, to: new))
        case (_?, nil):
            return (.newlyInvalid, modern.errors.map(reason(modern:)))
        case (nil, _?):
            return (.newlyValid, legacy.errors.map(reason(legacy:)))
        case (nil, nil):
            return (.invalidBoth, modern.errors.map(reason(modern:)) + legacy.errors.map(reason(legacy:)))
        }
    }

    private static func reason(modern error: JIDError) -> MigrationReason {
        MigrationReason(
            code: error.code.rawValue + (error.category.map { "/" + $0 } ?? ""), part: error.part,
            detail: "RFC 7622: " + error.message)
    }

    private static func reason(legacy error: JIDError) -> MigrationReason {
        MigrationReason(code: "rfc6122:" + error.code.rawValue, part: error.part, detail: "RFC 6122: " + error.message)
    }

    /// Explains, part by part, why two valid canonical forms differ.
    static func changes(from old: JID, to new: JID) -> [MigrationReason] {
        var reasons: [MigrationReason] = []
        let parts: [(JIDPart, String?, String?, StringprepProfile)] = [
            (.localpart, old.localpart, new.localpart, .nodeprep),
            (.domainpart, old.domainpart, new.domainpart, .nameprep),
            (.resourcepart, old.resourcepart, new.resourcepart, .resourceprep),
        ]
        for (part, before, after, profile) in parts {
            guard let before, let after, !before.utf8.elementsEqual(after.utf8) else { continue }
            reasons.append(change(part, before, after, profile))
        }
        return reasons
    }

    private static func change(_ part: JIDPart, _ before: String, _ after: String, _ profile: StringprepProfile)
        -> MigrationReason
    {
        let detail = "\(part.rawValue) was '\(before)' under RFC 6122 and is '\(after)' under RFC 7622"
        let scalars = UnicodeText.scalars(after)
        // Does applying the old profile to the new form give the old form? Then the old profile's mapping is
        // the whole difference, and we can say which.
        let reapplied = try? profile.prepare(scalars, mode: .query)
        guard reapplied.map(UnicodeText.string).map({ $0.utf8.elementsEqual(before.utf8) }) == true else {
            let code = part == .domainpart ? "domain-mapping-differs" : "mapping-differs"
            return MigrationReason(code: code, part: part, detail: detail + ".")
        }
        if scalars.contains(0xDF) {
            return MigrationReason(
                code: "sharp-s-kept", part: part,
                detail: detail + ": 'ß' is kept, where \(profile.name) mapped it to 'ss'.")
        }
        if scalars.contains(0x3C2) {
            return MigrationReason(
                code: "final-sigma-kept", part: part,
                detail: detail + ": final sigma 'ς' is kept, where \(profile.name) mapped it to 'σ'.")
        }
        if !UnicodeText.isNormalized(scalars, .nfkc) {
            return MigrationReason(
                code: "compatibility-character-kept", part: part,
                detail: detail + ": compatibility characters are kept, where \(profile.name) applied NFKC.")
        }
        if part == .domainpart {
            return MigrationReason(
                code: "domain-mapping-differs", part: part,
                detail: detail + ": IDNA2008 keeps characters that IDNA2003's Nameprep mapped.")
        }
        return MigrationReason(
            code: "case-mapping-differs", part: part,
            detail: detail + ": RFC 7622 lower-cases where \(profile.name) case-folded.")
    }
}
