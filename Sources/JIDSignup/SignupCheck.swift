public import JIDConfusables
public import JIDCore

/// The signup form's question in one call: may this user name be registered at this domain? The name is
/// enforced as a localpart (never split at an "@" or "/"), scored for lookalike characters, and compared with
/// the registered names; every finding comes with a message for people in their language.
public struct SignupCheck: Sendable {
    /// The user name and domain as given.
    public let username: String
    public let domain: String
    public let language: Language
    /// The address the parts make, enforced (`username@domain`).
    public let result: JIDResult
    /// The lookalike score of the canonical user name; nil when the address is invalid.
    public let score: ConfusableScore?
    /// The registry's answer; nil when no registry was consulted (the address is invalid). `taken` reveals only
    /// what any signup form reveals (this exact name exists); `lookalike` says that some registered name is too
    /// close, and how (`skeleton`: drawn the same, `folded`: the same without accents), never which.
    public let registry: RegistryVerdict?
    /// A user name a person can type instead, when the given one is invalid and one can be made from it.
    public let suggestion: String?

    public init(username: String, domain: String, language: Language, registry: ConfusableRegistry?) {
        self.username = username
        self.domain = domain
        self.language = language
        let result = JID.parse(localpart: username, domainpart: domain)
        self.result = result
        suggestion =
            result.errors.contains { $0.part == .localpart || $0.part == nil }
            ? JID.typeableLocalpart(for: username) : nil
        guard let jid = result.jid, let localpart = jid.localpart else {
            score = nil
            self.registry = nil
            return
        }
        score = ConfusableScorer.score(part: .localpart, localpart)
        if let registry {
            self.registry = registry.verdict(for: jid)
        } else {
            self.registry = RegistryVerdict(taken: false, lookalike: nil)
        }
    }

    /// True only if the name may be registered: a valid address, not taken, not a lookalike of a registered
    /// name, and not scored `block` (a `review` verdict is the operator's to act on and does not stop a signup).
    public var ok: Bool {
        result.isValid && !(registry?.taken ?? false) && registry?.lookalike == nil && score?.verdict != .block
    }

    /// The one sentence a form shows: the first error's message, else the registry's answer, else the strongest
    /// lookalike reason, else "available".
    public var userMessage: String {
        if let error = result.errors.first { return UserMessages.message(for: error, in: language) }
        if registry?.taken == true { return UserMessages.message(UserMessages.takenKey, in: language) }
        if registry?.lookalike != nil { return UserMessages.message(UserMessages.lookalikeKey, in: language) }
        if let score, score.verdict == .block, let reason = score.reasons.max(by: { $0.severity < $1.severity }) {
            return UserMessages.message(for: reason, in: language)
        }
        return UserMessages.message(UserMessages.availableKey, in: language)
    }

    /// Writes the answer (`SignupCheck` in openapi.yaml): the same keys whatever the outcome.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.bool("ok", ok)
        writer.string("language", language.tag)
        writer.string("username", result.jid?.localpart)
        writer.string("jid", result.jid?.description)
        writer.string("userMessage", userMessage)
        writer.string("suggestion", suggestion)
        writer.beginObject("input")
        writer.string("username", username)
        writer.string("domain", domain)
        writer.endObject()
        writer.beginArray("errors")
        for error in result.errors {
            error.write(
                to: &writer, userMessage: UserMessages.message(for: error, in: language),
                userSuggestion: error.part == .localpart ? suggestion : nil)
        }
        writer.endArray()
        if let score {
            writer.beginObject("confusable")
            writer.string("verdict", score.verdict.rawValue)
            writer.integer("score", score.score)
            writer.beginArray("reasons")
            for reason in score.reasons {
                reason.write(to: &writer, userMessage: UserMessages.message(for: reason, in: language))
            }
            writer.endArray()
            writer.endObject()
        } else {
            writer.string("confusable", nil)
        }
        if let registry {
            writer.beginObject("registry")
            writer.bool("taken", registry.taken)
            writer.bool("lookalike", registry.lookalike != nil)
            writer.string("relation", registry.lookalike?.rawValue)
            writer.endObject()
        } else {
            writer.string("registry", nil)
        }
        writer.endObject()
    }
}
