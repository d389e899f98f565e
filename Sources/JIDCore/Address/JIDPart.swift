/// The three parts of an XMPP address (RFC 7622 §3.1).
public enum JIDPart: String, Sendable, Hashable, CaseIterable, Codable {
    case localpart
    case domainpart
    case resourcepart

    /// How a user-facing message names the part.
    var userFacingName: String {
        switch self {
        case .localpart: "the user name (before the '@')"
        case .domainpart: "the domain"
        case .resourcepart: "the resource (after the '/')"
        }
    }
}
