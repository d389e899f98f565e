/// What to write instead: the NFKC form for compatibility characters, the XEP-0106 escaped form for spaces and
/// excluded characters, and the whole address with each failing part replaced.
extension AddressParser {
    /// A localpart that fixes the error: the NFKC form for compatibility characters, the XEP-0106 escaped form
    /// for spaces and excluded characters, or both.
    func suggestedLocalpart(_ scalars: [UInt32], for error: PrecisError?) -> String? {
        // Candidates are made one at a time, in order, and only until one is valid: most invalid inputs need
        // only the first, and this runs for every invalid address.
        let candidates: [() -> String?]
        let compatibility = { UnicodeText.string(UnicodeText.normalize(scalars[...], .nfkc)) }
        switch error?.reason {
        case .disallowed(.hasCompat), .disallowed(.otherLetterDigits):
            candidates = [compatibility, { try? JIDEscaping.escape(localpart: compatibility()) }]
        case .disallowed(.spaces), nil:
            candidates = [
                { try? JIDEscaping.escape(localpart: UnicodeText.string(scalars)) },
                { try? JIDEscaping.escape(localpart: compatibility()) },
            ]
        default: return nil
        }
        let original = UnicodeText.string(scalars)
        for make in candidates {
            guard let candidate = make(), !candidate.isEmpty, candidate != original else { continue }
            if let enforced = Self.enforcedLocalpartIfValid(UnicodeText.scalars(candidate)) { return enforced }
        }
        return nil
    }

    /// The whole address with each failing part replaced by its suggestion, if that makes it valid.
    func suggestedAddress(
        _ errors: [JIDError], localpart: String?, bytes: UnsafeBufferPointer<UInt8>, at: Int?, slash: Int?
    ) -> String? {
        guard !errors.isEmpty, errors.allSatisfy({ $0.suggestion != nil && $0.part != nil }) else { return nil }
        func original(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        let end = slash ?? bytes.count
        var local = at.map { original(0..<$0) }
        var domain = original((at.map { $0 + 1 } ?? 0)..<end)
        var resource = slash.map { original(($0 + 1)..<bytes.count) }
        for error in errors {
            switch error.part {
            case .localpart?: local = error.suggestion
            case .domainpart?: domain = error.suggestion!
            case .resourcepart?: resource = error.suggestion
            case nil: return nil
            }
        }
        var candidate = local.map { $0 + "@" } ?? ""
        candidate += domain
        if let resource { candidate += "/" + resource }
        return Self.standard.parse(candidate).jid?.description
    }
}

extension JID {
    /// A user name a person can type in place of `text`, for a signup form: its NFKC form (`henriⅣ` → `henriIV`)
    /// with every character that no localpart may hold left out (spaces, `@`, `/`, symbols, invisible
    /// characters), then enforced (`henriiv`). Nil when nothing valid remains, or when `text` is valid already.
    /// Unlike an error's `suggestion`, never an XEP-0106 escape sequence, which people do not type.
    public static func typeableLocalpart(for text: String) -> String? {
        let scalars = UnicodeText.scalars(text)
        if JIDParser.enforcedLocalpartIfValid(scalars) != nil { return nil }
        let compatible = UnicodeText.normalize(scalars[...], .nfkc)
        // A character is kept if it is a valid localpart on its own or after a letter (combining marks, which
        // PRECIS allows only where they combine).
        let kept = compatible.filter { scalar in
            JIDParser.enforcedLocalpartIfValid([scalar]) != nil
                || JIDParser.enforcedLocalpartIfValid([0x61, scalar]) != nil
        }
        guard !kept.isEmpty else { return nil }
        return JIDParser.enforcedLocalpartIfValid(kept)
    }
}
