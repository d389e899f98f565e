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

    /// Whether the input is a valid address.
    public var isValid: Bool {
        // A pattern match, not `!= nil`: the generic comparison copied the whole address (four strings).
        if case .some = jid { return true }
        return false
    }
    /// The canonical localpart (nil when invalid or absent).
    public var localpart: String? { jid?.localpart }
}
