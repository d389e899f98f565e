import Foundation
import Hummingbird
import JIDCore
import JIDProbe
import JIDTLS

/// A JSON request body as a typed value, read from the object that ``JSONBody`` has checked strictly (UTF-8, the
/// exact grammar, no lone surrogates, no key twice). Reading it names the field that is missing or of the wrong
/// type; unknown fields are ignored.
protocol JSONRequestBody {
    init(_ fields: JSONFields) throws
}

/// The members of a request's JSON object, read by type. `null` is no value of any type: it is refused like any
/// other wrong type rather than taken as absent.
struct JSONFields {
    let object: [String: Any]

    func contains(_ key: String) -> Bool { object[key] != nil }

    func string(_ key: String) throws -> String {
        guard let value = object[key] else { throw Problem(.missingField, "The field '\(key)' is required.") }
        guard let string = value as? String, !(value is NSNumber) else {
            throw Problem(.wrongType, "The field '\(key)' must be a string.")
        }
        return string
    }

    func optionalString(_ key: String) throws -> String? { contains(key) ? try string(key) : nil }

    /// JSON `true` or `false` only, not numbers.
    func optionalBool(_ key: String) throws -> Bool? {
        guard let value = object[key] else { return nil }
        // JSONSerialization gives booleans as NSNumber with objCType "c"; 0 and 1 would also cast to Bool.
        guard let number = value as? NSNumber, String(cString: number.objCType) == "c" else {
            throw Problem(.wrongType, "The field '\(key)' must be true or false.")
        }
        return number.boolValue
    }

    /// An object whose members are all strings.
    func optionalStringMap(_ key: String) throws -> [String: String]? {
        guard let value = object[key] else { return nil }
        guard let members = value as? [String: Any], members.values.allSatisfy({ $0 is String && !($0 is NSNumber) })
        else {
            throw Problem(.wrongType, "'\(key)' must be an object whose values are strings.")
        }
        return members.compactMapValues { $0 as? String }
    }

    func strings(_ key: String) throws -> [String] {
        guard let value = object[key] else { throw Problem(.missingField, "The field '\(key)' is required.") }
        guard let array = value as? [Any], array.allSatisfy({ $0 is String && !($0 is NSNumber) }) else {
            throw Problem(.wrongType, "'\(key)' must be an array of strings.")
        }
        return array.compactMap { $0 as? String }
    }

    /// Exactly one of two string fields: whether it is the first, and its value. `message` says what to give.
    func oneOf(_ first: String, _ second: String, _ message: String) throws -> (isFirst: Bool, value: String) {
        switch (try optionalString(first), try optionalString(second)) {
        case (let value?, nil): (true, value)
        case (nil, let value?): (false, value)
        default: throw Problem(.missingField, message)
        }
    }

    /// A string field that names one of `Value`'s cases.
    func optional<Value: RawRepresentable>(_ key: String, _ type: Value.Type, expected: String) throws -> Value?
    where Value.RawValue == String {
        guard let raw = try optionalString(key) else { return nil }
        guard let value = Value(rawValue: raw) else {
            throw Problem(.invalidParameter, "'\(key)' is \(expected), not '\(raw)'.")
        }
        return value
    }
}

extension JSONBody {
    /// Reads the request's JSON object body within `limit` bytes and `timeout` seconds, as `Body`.
    static func decode<Body: JSONRequestBody>(
        _ type: Body.Type, _ request: Request, _ context: JIDRequestContext, limit: Int, timeout: Int
    ) async throws -> Body {
        try Body(
            JSONFields(object: try await object(request, channel: context.channel, limit: limit, timeout: timeout)))
    }
}

// MARK: The request bodies

/// `{"jid"}`, or the parts `{"localpart", "domainpart", "resourcepart"}` (only `domainpart` required):
/// `/v1/jid/parse`. Parts are enforced each as that part and never split again.
enum ParseBody: JSONRequestBody {
    case address(String)
    case parts(localpart: String?, domainpart: String, resourcepart: String?)

    init(_ fields: JSONFields) throws {
        let partNames = ["localpart", "domainpart", "resourcepart"]
        switch (fields.contains("jid"), partNames.contains(where: fields.contains)) {
        case (true, false): self = .address(try fields.string("jid"))
        case (false, true):
            self = .parts(
                localpart: try fields.optionalString("localpart"), domainpart: try fields.string("domainpart"),
                resourcepart: try fields.optionalString("resourcepart"))
        default:
            throw Problem(
                .missingField,
                "Give either 'jid' (a whole address) or its parts: 'domainpart', with 'localpart' and "
                    + "'resourcepart' when it has them.")
        }
    }
}

/// `{"a", "b"}`: `/v1/jid/compare`; with `includeResource`, `/v1/confusables/compare`.
struct PairBody: JSONRequestBody {
    let a: String
    let b: String
    let includeResource: Bool

    init(_ fields: JSONFields) throws {
        a = try fields.string("a")
        b = try fields.string("b")
        includeResource = try fields.optionalBool("includeResource") ?? false
    }
}

/// `{"jid", "includeResource"?}`: `/v1/confusables/score` and `/check`.
struct ConfusablesBody: JSONRequestBody {
    let jid: String
    let includeResource: Bool

    init(_ fields: JSONFields) throws {
        jid = try fields.string("jid")
        includeResource = try fields.optionalBool("includeResource") ?? false
    }
}

/// Exactly one of `{"jid"}` (an address) or `{"localpart"}`: `/v1/jid/escape` and `/unescape`.
enum EscapeBody: JSONRequestBody {
    case address(String)
    case localpart(String)

    init(_ fields: JSONFields) throws {
        let (isAddress, value) = try fields.oneOf(
            "jid", "localpart", "Give exactly one of 'jid' (an address) or 'localpart'.")
        self = isAddress ? .address(value) : .localpart(value)
    }
}

/// Exactly one of `{"jid"}` (to make a URI) or `{"uri"}` (to read one): `/v1/jid/uri`.
enum URIBody: JSONRequestBody {
    /// An address to write as a URI, with an optional query action and parameters (XEP-0147) and fragment.
    case jid(String, XMPPURI.Query?, String?)
    case uri(String)

    init(_ fields: JSONFields) throws {
        let (isJID, value) = try fields.oneOf(
            "jid", "uri", "Give exactly one of 'jid' (to make a URI) or 'uri' (to read one).")
        guard isJID else {
            self = .uri(value)
            return
        }
        let action = try fields.optionalString("action")
        let parameters = try fields.optionalStringMap("parameters")
        if action == nil && parameters != nil {
            throw Problem(.missingField, "'parameters' belong to a query action: give 'action' too.")
        }
        // Keys in a fixed (sorted) order: a JSON object's members have none.
        let query = action.map { action in
            XMPPURI.Query(
                action: action,
                parameters: (parameters ?? [:]).sorted { $0.key < $1.key }.map {
                    XMPPURI.Query.Parameter(key: $0.key, value: $0.value)
                })
        }
        self = .jid(value, query, try fields.optionalString("fragment"))
    }
}

/// `{"jid"}` or `{"jids": [...]}`, with `mode` and `full`: `/v1/migration/check`.
struct MigrationCheckBody: JSONRequestBody {
    enum Input {
        case one(String)
        case list([String])
    }

    /// Most addresses in one request; larger sets belong to `jid migrate`.
    static let maximumList = 1000

    let input: Input
    let mode: StringprepMode
    let full: Bool

    init(_ fields: JSONFields) throws {
        mode = try fields.optional("mode", StringprepMode.self, expected: "'stored' or 'query'") ?? .stored
        full = try fields.optionalBool("full") ?? false
        switch (fields.contains("jid"), fields.contains("jids")) {
        case (true, false): input = .one(try fields.string("jid"))
        case (false, true):
            let list = try fields.strings("jids")
            guard list.count <= Self.maximumList else {
                throw Problem(
                    .invalidParameter, "'jids' has \(list.count) entries; at most \(Self.maximumList) per request.")
            }
            input = .list(list)
        default:
            throw Problem(.missingField, "Give 'jid' (one address) or 'jids' (a list of up to \(Self.maximumList)).")
        }
    }
}

/// `{"domain", "chainPem", "trustAnchorsPem"?, "service"?, "policy"?, "at"?}`: `/v1/tls/verify`.
struct TLSVerifyBody: JSONRequestBody {
    /// RFC 5280 §4.1.2.5 times run from 1950 (UTCTime) to 9999 (GeneralizedTime).
    static let earliest = Date(timeIntervalSince1970: -631_152_000)
    static let latest = Date(timeIntervalSince1970: 253_402_300_799)

    let verification: TLSVerificationRequest
    /// Record the certificate and report how it changed (admin token).
    let track: Bool

    init(_ fields: JSONFields) throws {
        track = try fields.optionalBool("track") ?? false
        var verification = TLSVerificationRequest(
            domain: try fields.string("domain"), chain: Array(try fields.string("chainPem").utf8))
        if let anchors = try fields.optionalString("trustAnchorsPem") {
            verification.trustAnchors = Array(anchors.utf8)
        }
        if let service = try fields.optional("service", XMPPService.self, expected: "'xmpp-client' or 'xmpp-server'") {
            verification.service = service
        }
        if let policy = try fields.optional("policy", IdentityPolicy.self, expected: "'rfc9525' or 'rfc6125'") {
            verification.policy = policy
        }
        if let at = try fields.optionalString("at") {
            guard let instant = try? Date(at, strategy: .iso8601), (Self.earliest...Self.latest).contains(instant)
            else {
                throw Problem(
                    .invalidParameter,
                    "'at' must be an RFC 3339 time between 1950 and 9999, such as 2026-12-01T12:00:00Z.")
            }
            verification.at = instant
        }
        self.verification = verification
    }
}

/// `{"domain", "service"?, "connect"?, "directTLS"?}`: `/v1/tls/probe`.
struct TLSProbeBody: JSONRequestBody {
    let options: XMPPProbeOptions
    /// Record the certificate and report how it changed (admin token).
    let track: Bool

    init(_ fields: JSONFields) throws {
        track = try fields.optionalBool("track") ?? false
        var options = XMPPProbeOptions(domain: try fields.string("domain"))
        if let service = try fields.optional("service", XMPPProbeService.self, expected: "'client' or 'server'") {
            options.service = service
        }
        options.directTLS = try fields.optionalBool("directTLS") ?? false
        if let connect = try fields.optionalString("connect") {
            guard let endpoint = ProbeEndpoint.parse(connect, directTLS: options.directTLS) else {
                throw Problem(.invalidParameter, "'connect' must be HOST:PORT, such as xmpp.example.org:5222.")
            }
            options.connect = endpoint
        }
        self.options = options
    }
}
