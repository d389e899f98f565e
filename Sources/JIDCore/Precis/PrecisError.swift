/// Why a string fails a PRECIS string class or profile.
public struct PrecisError: Error, Sendable, Hashable {
    /// The rule the string breaks.
    public enum Reason: Sendable, Hashable {
        /// The string is empty after enforcement (RFC 8265 §3.3.3, RFC 8264 §5.2).
        case empty
        /// A code point the string class does not allow; the category says why (RFC 8264 §9).
        case disallowed(PrecisCategory)
        /// A CONTEXTJ or CONTEXTO code point whose context rule (RFC 5892 Appendix A) is not satisfied.
        case context(ContextRule)
        /// The string contains a right-to-left character and breaks a condition (1–6) of the Bidi Rule (RFC 5893).
        case bidiRule(condition: Int)
        /// Applying the profile's rules a second time changes the result (RFC 8264 §7).
        case notIdempotent
        /// The bytes are not well-formed UTF-8 (a lone surrogate, a truncated sequence, ...).
        case invalidUTF8
    }

    /// The rule the string breaks.
    public let reason: Reason
    /// Position of the code point at fault, in Unicode scalars from the start of the profile's input; nil when
    /// the fault belongs to the whole string.
    public let offset: Int?
    /// The code point at fault as the rule saw it (after the profile's mappings), if there is one.
    public let codePoint: Unicode.Scalar?

    /// The reason in precis-i18n's spelling, "DISALLOWED/has_compat", for comparisons with that implementation.
    public var precisIdentifier: String {
        switch reason {
        case .empty: "DISALLOWED/empty"
        case .disallowed(let category): "DISALLOWED/" + category.name
        case .context(let rule): "DISALLOWED/" + rule.rawValue
        case .bidiRule: "DISALLOWED/bidi_rule"
        case .notIdempotent: "DISALLOWED/not_idempotent"
        case .invalidUTF8: "INVALID/utf8"
        }
    }
}
