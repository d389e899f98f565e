/// The two PRECIS string classes (RFC 8264 §4).
public enum PrecisStringClass: String, Sendable, Hashable, CaseIterable {
    /// IdentifierClass (§4.2): letters and digits; PVALID code points and contextual ones whose rule holds.
    case identifier = "IdentifierClass"
    /// FreeformClass (§4.3): also spaces, symbols, punctuation, compatibility characters and the like.
    case freeform = "FreeformClass"

    /// Checks that every code point is allowed by the class, with no mapping or normalization.
    ///
    /// - Throws: ``PrecisError`` for the first code point the class does not allow.
    public func enforce(_ string: String) throws(PrecisError) -> String {
        try check(MappedText(UnicodeText.scalars(string)))
        return string
    }

    /// The class's behavioural rules (RFC 8264 §7 step 6) on the mapped text; errors point at input positions.
    func check(_ text: MappedText) throws(PrecisError) {
        let table = PrecisDerivedProperties.shared
        let scalars = text.scalars
        for index in scalars.indices {
            let scalar = scalars[index]
            if scalar >= 0x21 && scalar <= 0x7E { continue }
            let (property, category) = table.classify(scalar)
            switch property {
            case .pvalid: continue
            case .freePVal where self == .freeform: continue
            case .contextJ, .contextO:
                // Every CONTEXTJ and CONTEXTO code point has a rule (RFC 5892 Appendix A).
                if let rule = ContextRule.governing(scalar) {
                    if rule.isSatisfied(at: index, in: scalars) { continue }
                    throw PrecisError(
                        reason: .context(rule), offset: Int(text.origins[index]), codePoint: Unicode.Scalar(scalar))
                }
                throw PrecisError(
                    reason: .disallowed(category), offset: Int(text.origins[index]), codePoint: Unicode.Scalar(scalar))
            default:
                throw PrecisError(
                    reason: .disallowed(category), offset: Int(text.origins[index]), codePoint: Unicode.Scalar(scalar))
            }
        }
    }
}
