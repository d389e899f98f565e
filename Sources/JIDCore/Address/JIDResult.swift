/// The outcome of parsing one input: the address, or every part's reason it is not one.
public struct JIDResult: Sendable {
    /// The input as given (ill-formed UTF-8 shown with U+FFFD replacement characters).
    public let input: String
    /// The address, if the input is valid.
    public let jid: JID?
    /// One error per part at fault (empty when valid).
    public let errors: [JIDError]
    /// Problems that do not make the address invalid, such as a domain too long for DNS.
    public let warnings: [JIDError]
    /// A corrected address, when every error has a suggestion and the corrected address is valid.
    public let suggestion: String?

    init(input: String, jid: JID?, errors: [JIDError], warnings: [JIDError], suggestion: String?) {
        // Every parser keeps this invariant, on which `isValid` relies.
        assert((jid == nil) != errors.isEmpty, "a result has an address or errors, never both or neither")
        self.input = input
        self.jid = jid
        self.errors = errors
        self.warnings = warnings
        self.suggestion = suggestion
    }

    /// Whether the input is a valid address (then ``jid`` is set and ``errors`` is empty).
    ///
    /// Tested on `errors`: a test on the optional address made callers copy all four of its strings.
    @inlinable public var isValid: Bool { errors.isEmpty }

    /// The canonical localpart (nil when invalid or absent).
    public var localpart: String? { jid?.localpart }
}
