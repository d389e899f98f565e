/// XMPP IRIs and URIs (RFC 5122) for XMPP addresses.
public enum XMPPURI {
    /// The IRI and URI forms of an address.
    public struct Forms: Sendable, Hashable {
        /// The IRI (RFC 5122 §2.7.1): Unicode characters as themselves, delimiters percent-encoded.
        public let iri: String
        /// The URI (RFC 3987 §3.1): the IRI with every non-ASCII character percent-encoded as UTF-8.
        public let uri: String
        /// The URI with the domain in A-labels, for software that does not decode percent-encoded host names.
        public let asciiURI: String
    }

    /// A query component (RFC 5122 §2.5): an action from the XMPP URI query types registry (XEP-0147), such
    /// as `message` or `join`, and its key-value pairs in order, percent-decoded.
    public struct Query: Sendable, Hashable {
        public struct Parameter: Sendable, Hashable {
            public let key: String
            public let value: String

            public init(key: String, value: String) {
                self.key = key
                self.value = value
            }
        }

        /// The query type ("message", "join", "roster", ...); may be empty.
        public let action: String
        public let parameters: [Parameter]

        public init(action: String, parameters: [Parameter] = []) {
            self.action = action
            self.parameters = parameters
        }
    }

    /// An address taken out of an XMPP IRI or URI (RFC 5122 §2.8).
    public struct Parsed: Sendable {
        /// The address in the path, enforced; nil when the URI has an authority and no path
        /// (`xmpp://guest@example.com`: RFC 5122 §2.3 `iauthpath = "//" iauthxmpp [ "/" ipathxmpp ]`), which names
        /// the account to use and no target.
        public let jid: JIDResult?
        /// The account to authenticate as, from the authority component (`xmpp://guest@example.com/...`).
        public let authority: JIDResult?
        /// The query component without "?", e.g. "message;subject=Hi" (RFC 5122 §2.5), percent-escapes kept.
        public let query: String?
        /// The query read as an action and its parameters (XEP-0147), percent-decoded.
        public let action: Query?
        /// The fragment without "#", percent-escapes kept.
        public let fragment: String?

        /// Whether every address in the URI is valid.
        public var isValid: Bool { (jid?.isValid ?? true) && (authority?.isValid ?? true) }
    }

    /// Why a string is not an XMPP IRI or URI.
    public struct Failure: Error, Sendable, Hashable {
        /// Stable code: `uri.not-xmpp`, `uri.bad-percent-encoding`, `uri.invalid-utf8`, `uri.empty-authority`,
        /// `uri.bad-query`.
        public let code: String
        /// A sentence for the user.
        public let message: String
    }

    // RFC 3987 §2.2 unreserved ASCII, and the extra characters RFC 5122 §2.2 allows in each part.
    private static func isUnreservedASCII(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E: true
        default: false
        }
    }
    private static let nodeAllow = Set("!$()*+,;=".utf8)
    private static let resourceAllow = Set("!$&'()*+,:;=".utf8)

    /// RFC 3987 §2.2 ucschar: the non-ASCII characters an IRI may carry as themselves.
    private static func isUCSChar(_ value: UInt32) -> Bool {
        switch value {
        case 0xA0...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFEF: return true
        case 0x10000...0xEFFFD: return value & 0xFFFF < 0xFFFE && !(0xE0000...0xE0FFF).contains(value)
        default: return false
        }
    }

    private static func percentEncoded(_ scalar: Unicode.Scalar, into output: inout String) {
        for byte in String(scalar).utf8 {
            let hex = String(byte, radix: 16, uppercase: true)
            output += "%" + (hex.count == 1 ? "0" : "") + hex
        }
    }

    /// One part of the path in IRI form: allowed characters as themselves, the rest percent-encoded.
    private static func iriComponent(_ text: String, allow: Set<UInt8>) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                if isUnreservedASCII(byte) || allow.contains(byte) {
                    output.unicodeScalars.append(scalar)
                } else {
                    percentEncoded(scalar, into: &output)
                }
            } else if isUCSChar(scalar.value) {
                output.unicodeScalars.append(scalar)
            } else {
                percentEncoded(scalar, into: &output)
            }
        }
        return output
    }

    /// RFC 3987 §3.1: an IRI's non-ASCII characters percent-encoded as UTF-8.
    public static func uri(fromIRI iri: String) -> String {
        var output = ""
        for scalar in iri.unicodeScalars {
            if scalar.isASCII { output.unicodeScalars.append(scalar) } else { percentEncoded(scalar, into: &output) }
        }
        return output
    }

    // RFC 3987 §2.2: ifragment = *( ipchar / "/" / "?" ), ipchar = iunreserved / pct-encoded / sub-delims / ":" / "@".
    private static let fragmentAllow = Set("!$&'()*+,;=:@/?".utf8)

    /// The query component as IRI text: the action and keys as unreserved characters, values percent-encoded
    /// where they must be (RFC 5122 §2.2 `iquerytype`, `ikey`, `ivalue`).
    private static func iriQuery(_ query: Query) -> String {
        var text = iriComponent(query.action, allow: [])
        for parameter in query.parameters {
            text += ";" + iriComponent(parameter.key, allow: []) + "=" + iriComponent(parameter.value, allow: [])
        }
        return text
    }

    /// The IRI and URI of an address (RFC 5122 §2.7), optionally with an authority component, a query (an
    /// action and its parameters, XEP-0147) and a fragment.
    public static func forms(
        for jid: JID, authority: JID? = nil, query: Query? = nil, fragment: String? = nil
    ) -> Forms {
        func path(_ jid: JID, domain: String) -> String {
            var text = ""
            if let localpart = jid.localpart { text += iriComponent(localpart, allow: nodeAllow) + "@" }
            text += domain
            if let resourcepart = jid.resourcepart { text += "/" + iriComponent(resourcepart, allow: resourceAllow) }
            return text
        }
        func build(ascii: Bool) -> String {
            var text = "xmpp:"
            if let authority {
                text += "//" + path(authority.bare, domain: ascii ? authority.domainAscii : authority.domainpart) + "/"
            }
            text += path(jid, domain: ascii ? jid.domainAscii : jid.domainpart)
            if let query { text += "?" + iriQuery(query) }
            if let fragment { text += "#" + iriComponent(fragment, allow: fragmentAllow) }
            return text
        }
        let iri = build(ascii: false)
        return Forms(iri: iri, uri: uri(fromIRI: iri), asciiURI: uri(fromIRI: build(ascii: true)))
    }

    /// Takes the address (and authority, query and fragment) out of an XMPP IRI or URI (RFC 5122 §2.8):
    /// the path is split into parts first, then each part is percent-decoded and the address enforced.
    ///
    /// - Throws: ``Failure`` if the text is not an `xmpp:` IRI/URI or its percent-encoding is broken. An address
    ///   that is not valid is not a failure: ``Parsed/jid`` says what is wrong with it.
    public static func parse(_ text: String) throws(Failure) -> Parsed {
        let scalars = text.unicodeScalars
        guard scalars.count >= 5, String(String.UnicodeScalarView(scalars.prefix(5))).lowercased() == "xmpp:" else {
            throw Failure(code: "uri.not-xmpp", message: "The text does not begin with the 'xmpp:' scheme.")
        }
        var rest = Substring(String(String.UnicodeScalarView(scalars.dropFirst(5))))
        var fragment: String?
        var query: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        var authority: JIDResult?
        var hasPath = true
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            let authorityText = rest[..<slash]
            guard !authorityText.isEmpty else {
                throw Failure(code: "uri.empty-authority", message: "The authority component after 'xmpp://' is empty.")
            }
            authority = try address(authorityText)
            hasPath = slash < rest.endIndex
            rest = hasPath ? rest[rest.index(after: slash)...] : ""
        }
        return Parsed(
            jid: hasPath ? try address(rest) : nil, authority: authority, query: query,
            action: try query.map { text throws(Failure) in try Self.query(text) }, fragment: fragment)
    }

    /// Reads a query component (RFC 5122 §2.2: `iquerytype *( ";" ikey "=" ivalue )`).
    private static func query(_ text: String) throws(Failure) -> Query {
        let fields = text.split(separator: ";", omittingEmptySubsequences: false)
        var parameters: [Query.Parameter] = []
        for field in fields.dropFirst() {
            guard let equals = field.firstIndex(of: "=") else {
                throw Failure(
                    code: "uri.bad-query",
                    message: "The query pair '\(field)' has no '=' (RFC 5122 §2.2: ';' key '=' value).")
            }
            parameters.append(
                Query.Parameter(
                    key: try decoded(field[..<equals]), value: try decoded(field[field.index(after: equals)...])))
        }
        return Query(action: try decoded(fields[0]), parameters: parameters)
    }

    private static func address(_ path: Substring) throws(Failure) -> JIDResult {
        let slash = path.firstIndex(of: "/")
        let beforeSlash = path[..<(slash ?? path.endIndex)]
        let at = beforeSlash.firstIndex(of: "@")
        let localpart = try at.map { index throws(Failure) in try decoded(beforeSlash[..<index]) }
        let domain = try decoded(at.map { beforeSlash[beforeSlash.index(after: $0)...] } ?? beforeSlash)
        let resource = try slash.map { index throws(Failure) in try decoded(path[path.index(after: index)...]) }
        return JIDParser.standard.parse(localpart: localpart, domainpart: domain, resourcepart: resource)
    }

    /// Percent-decodes one component; the decoded octets must be UTF-8 (RFC 3987 §3.2).
    private static func decoded(_ component: Substring) throws(Failure) -> String {
        var bytes: [UInt8] = []
        var utf8 = component.utf8[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else {
                throw Failure(
                    code: "uri.bad-percent-encoding",
                    message: "A '%' in the URI is not followed by two hexadecimal digits.")
            }
            bytes.append(value)
            utf8 = utf8.dropFirst(2)
        }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw Failure(
                code: "uri.invalid-utf8", message: "The percent-encoded octets in the URI are not valid UTF-8.")
        }
        return string
    }
}
