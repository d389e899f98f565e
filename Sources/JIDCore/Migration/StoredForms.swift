/// What a stored name says about the move, when the input is what an RFC 6122 server stored (its Nodeprep output)
/// rather than what someone typed.
///
/// Two things: whether the stored name is its own RFC 7622 canonical form (a server on RFC 7622 looks accounts up
/// by their canonical form, so one stored otherwise is not found), and which typed forms reached the account under
/// RFC 6122 and will not under RFC 7622. Nodeprep case-folded and applied NFKC, so many typed forms led to one
/// stored name; PRECIS lower-cases and keeps the rest. The typed forms looked for are those people type on ordinary
/// keyboards where the two differ (RFC 7622 Appendix A, RFC 8265 §3.3 against RFC 3454 B.2): a sharp s "ß" that
/// Nodeprep folded to "ss", a final sigma "ς" at the end of a word that it folded to "σ", and the micro sign "µ"
/// (a compatibility character on many keyboards) that it folded to Greek "μ", where "μ" stands outside a Greek word. Other compatibility characters
/// (mathematical letters, ligatures, superscripts) also reached accounts under RFC 6122, but nobody types them,
/// and listing them for every name would hide the names that matter.
enum StoredForms {
    struct Rule {
        let target: [UInt32]
        let typed: [UInt32]
        /// Only where a word ends: the next character is not a Greek letter or a combining mark.
        let atWordEnd: Bool
        /// Only outside Greek words: neither neighbour is a Greek letter or a combining mark (the micro sign is
        /// typed for the unit, not inside Greek words).
        var outsideGreek = false
        let explanation: String
    }

    static let rules = [
        Rule(target: [0x73, 0x73], typed: [0xDF], atWordEnd: false, explanation: "Nodeprep folded 'ß' to 'ss'"),
        Rule(target: [0x3C3], typed: [0x3C2], atWordEnd: true, explanation: "Nodeprep folded final 'ς' to 'σ'"),
        Rule(
            target: [0x3BC], typed: [0xB5], atWordEnd: false, outsideGreek: true,
            explanation: "Nodeprep folded the micro sign 'µ' to 'μ'"),
    ]

    /// Typed forms shown per account.
    static let examples = 3

    static func reasons(
        stored bytes: UnsafeBufferPointer<UInt8>, legacy: JIDResult, modern: JIDResult, mode: StringprepMode
    ) -> [MigrationReason] {
        guard let new = modern.jid else { return [] }
        var reasons: [MigrationReason] = []
        let canonical = new.description
        if !bytes.elementsEqual(canonical.utf8) {
            let stored = String(decoding: bytes, as: UTF8.self)
            let storedLocalpart = bytes.firstIndex(of: UInt8(ascii: "@")).map { bytes[..<$0] }
            let part: JIDPart =
                storedLocalpart.map { !$0.elementsEqual((new.localpart ?? "").utf8) } == true
                ? .localpart : .domainpart
            reasons.append(
                MigrationReason(
                    code: "stored-not-canonical", part: part,
                    detail: "stored as '\(stored)', which is not its RFC 7622 canonical form '\(canonical)': a server "
                        + "on RFC 7622 looks the account up as '\(canonical)', so rename the stored account (the plan "
                        + "says to what)."))
        }
        if let old = legacy.jid, let localpart = old.localpart, let newLocalpart = new.localpart {
            let lost = lostTypedForms(localpart, domain: new.domainpart, newLocalpart: newLocalpart, mode: mode)
            if !lost.isEmpty {
                let list = lost.map { "'\($0.typed)'" }.joined(separator: ", ")
                let why = Array(Set(lost.map(\.explanation))).sorted().joined(separator: "; ")
                let first = lost[0]
                let fate =
                    first.valid
                    ? "'\(first.typed)@\(new.domainpart)' is another account" : "'\(first.typed)' is not valid"
                reasons.append(
                    MigrationReason(
                        code: "typed-forms-lost", part: .localpart,
                        detail: "under RFC 6122 typing \(list) reached '\(localpart)' (\(why)); under RFC 7622 "
                            + "\(fate): add an alias, or tell the user to type '\(newLocalpart)'."))
            }
        }
        return reasons
    }

    struct Lost {
        let typed: String
        let explanation: String
        /// Whether the typed form is a valid localpart of its own under RFC 7622 (another account), not an error.
        let valid: Bool
    }

    /// Typed forms that Nodeprep made into `localpart` and that RFC 7622 does not.
    static func lostTypedForms(_ localpart: String, domain: String, newLocalpart: String, mode: StringprepMode)
        -> [Lost]
    {
        let scalars = UnicodeText.scalars(localpart)
        var found: [Lost] = []
        var seen: Set<[UInt32]> = []
        for rule in rules {
            let positions = occurrences(of: rule, in: scalars)
            guard !positions.isEmpty else { continue }
            // Each occurrence alone, then all of them.
            var candidates = positions.map { replace(scalars, at: [$0], rule) }
            if positions.count > 1 { candidates.append(replace(scalars, at: positions, rule)) }
            for typed in candidates where found.count < examples && seen.insert(typed).inserted {
                guard let prepared = try? StringprepProfile.nodeprep.prepare(typed, mode: .query),
                    prepared == scalars
                else { continue }
                let text = UnicodeText.string(typed)
                let result = JID.parse(localpart: text, domainpart: domain)
                if let jid = result.jid, jid.localpart == newLocalpart { continue }
                found.append(Lost(typed: text, explanation: rule.explanation, valid: result.jid != nil))
            }
        }
        return found
    }

    private static func occurrences(of rule: Rule, in scalars: [UInt32]) -> [Int] {
        let count = rule.target.count
        guard scalars.count >= count else { return [] }
        var positions: [Int] = []
        var index = 0
        while index + count <= scalars.count {
            if scalars[index..<(index + count)].elementsEqual(rule.target) {
                let next = index + count < scalars.count ? scalars[index + count] : nil
                let previous = index > 0 ? scalars[index - 1] : nil
                let endsWord = next.map { !isGreekOrMark($0) } ?? true
                let outside = endsWord && (previous.map { !isGreekOrMark($0) } ?? true)
                if (!rule.atWordEnd || endsWord) && (!rule.outsideGreek || outside) {
                    positions.append(index)
                    index += count
                    continue
                }
            }
            index += 1
        }
        return positions
    }

    private static func isGreekOrMark(_ scalar: UInt32) -> Bool {
        (0x300...0x3FF).contains(scalar) || (0x1F00...0x1FFF).contains(scalar)
    }

    private static func replace(_ scalars: [UInt32], at positions: [Int], _ rule: Rule) -> [UInt32] {
        var result: [UInt32] = []
        var index = 0
        for position in positions {
            result += scalars[index..<position]
            result += rule.typed
            index = position + rule.target.count
        }
        return result + scalars[index...]
    }
}
