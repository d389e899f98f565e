/// RFC 6122 (and RFC 3920) address enforcement: Nodeprep for the localpart, Resourceprep for the resourcepart,
/// and for the domainpart an IP literal or IDNA2003 ToASCII with UseSTD3ASCIIRules (Nameprep inside), whose
/// canonical form is the ToUnicode of that result (so A-labels and U-labels of one name compare equal).
///
/// The split, the limits (1..1023 octets per part) and the error model are those of ``JID``; error codes carry
/// the same part prefixes (`localpart.prohibited-codepoint`, `domainpart.idna2003-error`, ...).
public struct LegacyJIDParser: Sendable {
    /// Stored or query strings (RFC 3454 §7).
    public let mode: StringprepMode

    public init(mode: StringprepMode) { self.mode = mode }

    /// Enforces an address under RFC 6122.
    public func parse(_ input: String) -> JIDResult { LegacyAddressParser<FastLanes>(mode: mode).parse(input) }

    /// Enforces an address given as UTF-8 bytes, which may be ill-formed.
    public func parse(utf8 bytes: [UInt8]) -> JIDResult {
        bytes.withUnsafeBufferPointer { parse(utf8: $0) }
    }

    /// Enforces an address given as a buffer of UTF-8 bytes, which may be ill-formed.
    public func parse(utf8 buffer: UnsafeBufferPointer<UInt8>) -> JIDResult {
        LegacyAddressParser<FastLanes>(mode: mode).parse(utf8: buffer)
    }
}

/// ``LegacyJIDParser`` with the shortcuts of `Lanes`: ``FastLanes`` in production, ``GeneralPathOnly`` as the
/// reference.
package struct LegacyAddressParser<Lanes: ParserLanes>: Sendable {
    package let mode: StringprepMode

    package init(mode: StringprepMode) { self.mode = mode }

    package func parse(_ input: String) -> JIDResult {
        Array(input.utf8).withUnsafeBufferPointer { parse(bytes: $0, input: input) }
    }

    package func parse(utf8 bytes: [UInt8]) -> JIDResult { bytes.withUnsafeBufferPointer { parse(utf8: $0) } }

    package func parse(utf8 buffer: UnsafeBufferPointer<UInt8>) -> JIDResult {
        guard let input = String(validating: buffer, as: UTF8.self) else { return JIDParser.illFormedResult(buffer) }
        return parse(bytes: buffer, input: input)
    }

    /// Prepares an address given as a user name and a domain, each as that part: an "@" or "/" in the user name is
    /// its error (Nodeprep prohibits both, RFC 6122 Appendix A.5), never a delimiter.
    package func parse(localpart: String, domainpart: String) -> JIDResult {
        let text = localpart + "@" + domainpart
        return Array(text.utf8).withUnsafeBufferPointer {
            parse(bytes: $0, input: text, at: localpart.utf8.count)
        }
    }

    func parse(bytes: UnsafeBufferPointer<UInt8>, input: String, at fixedAt: Int? = nil) -> JIDResult {
        func failed(_ error: JIDError) -> JIDResult {
            JIDResult(input: input, jid: nil, errors: [error], warnings: [], suggestion: nil)
        }
        if bytes.isEmpty { return failed(JIDError(.empty, part: nil, message: "The address is empty.")) }
        if bytes.count > JIDParser.maximumInputOctets {
            return failed(JIDError(.tooLong, part: nil, message: "The input is \(bytes.count) octets long."))
        }
        let (at, slash) = fixedAt.map { ($0, nil) } ?? JIDParser.delimiters(bytes)
        if let error = JIDParser.streamSafeViolation(bytes, at: at, slash: slash) { return failed(error) }
        let end = slash ?? bytes.count
        let domainStart = at.map { $0 + 1 } ?? 0

        var errors: [JIDError] = []
        var localpart: String?
        var resourcepart: String?
        var domain: (unicode: String, ascii: String)?
        if let at {
            switch part(.localpart, UnsafeBufferPointer(rebasing: bytes[0..<at]), base: 0) {
            case .success(let value): localpart = value
            case .failure(let error): errors.append(error)
            }
        }
        let domainBytes = UnsafeBufferPointer(rebasing: bytes[domainStart..<end])
        if let fast = Lanes.domainpart(domainBytes) {
            domain = (fast.unicode, fast.ascii)
        } else {
            let compute = {
                self.domain(
                    UnicodeText.scalars(domainBytes) ?? [], base: JIDParser.scalarCount(bytes, upTo: domainStart))
            }
            let result = Lanes.legacyDomainpart(domainBytes, mode: mode, compute: compute)
            switch result {
            case .success(let value): domain = value
            case .failure(let error): errors.append(error)
            }
        }
        if let slash {
            let start = slash + 1
            switch part(
                .resourcepart, UnsafeBufferPointer(rebasing: bytes[start...]),
                base: JIDParser.scalarCount(bytes, upTo: start))
            {
            case .success(let value): resourcepart = value
            case .failure(let error): errors.append(error)
            }
        }
        guard errors.isEmpty, let domain else {
            return JIDResult(input: input, jid: nil, errors: errors, warnings: [], suggestion: nil)
        }
        let jid = JID(
            localpart: localpart, domainpart: domain.unicode, domainAscii: domain.ascii, resourcepart: resourcepart)
        return JIDResult(input: input, jid: jid, errors: [], warnings: [], suggestion: nil)
    }

    // MARK: Localpart and resourcepart

    private func part(_ part: JIDPart, _ bytes: UnsafeBufferPointer<UInt8>, base: Int) -> Result<String, JIDError> {
        let profile: StringprepProfile = part == .localpart ? .nodeprep : .resourceprep
        if let fast = Lanes.legacyPart(part, bytes) { return .success(fast) }
        let scalars = UnicodeText.scalars(bytes) ?? []
        guard !scalars.isEmpty else {
            return .failure(
                JIDError(
                    .partEmpty(part), part: part, offset: base,
                    message: "\(part.userFacingName.capitalizedFirst) is empty."))
        }
        let prepared: [UInt32]
        do {
            prepared = try profile.prepare(scalars, mode: mode)
        } catch {
            return .failure(Self.explain(error, profile: profile, part: part, scalars: scalars, base: base, mode: mode))
        }
        let output = UnicodeText.string(prepared)
        if output.utf8.isEmpty {
            return .failure(
                JIDError(
                    .partEmpty(part), part: part, offset: base,
                    message: "\(part.userFacingName.capitalizedFirst) is empty after \(profile.name) removed "
                        + "characters that map to nothing."))
        }
        return JIDParser.checkedLength(output, part, base: base, rule: "RFC 6122 §2")
    }

    /// Names the code point a stringprep failure is about, found by preparing the input's scalars one by one.
    static func explain(
        _ failure: StringprepFailure, profile: StringprepProfile, part: JIDPart, scalars: [UInt32], base: Int,
        mode: StringprepMode
    ) -> JIDError {
        let culprit = scalars.firstIndex { scalar in
            do throws(StringprepFailure) {
                _ = try profile.prepare([scalar], mode: mode)
                return false
            } catch { return error == failure }
        }
        let scalar = culprit.flatMap { Unicode.Scalar(scalars[$0]) }
        let offset = culprit.map { base + $0 }
        let character = scalar?.quoted ?? "A character"
        switch failure {
        case .unassigned:
            return JIDError(
                .unassigned(part), part: part, offset: offset, codePoint: scalar, category: "unassigned-3.2",
                message: "\(character) was not assigned in Unicode 3.2, the version \(profile.name) uses, so it "
                    + "cannot be stored (RFC 3454 §7).")
        case .bidi:
            return JIDError(
                .bidiRule(part), part: part, offset: offset,
                message: "\(part.userFacingName.capitalizedFirst) mixes right-to-left and left-to-right text in a "
                    + "way stringprep forbids (RFC 3454 §6).")
        default:
            return JIDError(
                .prohibited(part), part: part, offset: offset, codePoint: scalar,
                message: "\(character) is prohibited by \(profile.name) (\(profile.reference)).")
        }
    }

    // MARK: Domainpart

    private func domain(_ input: [UInt32], base: Int) -> Result<(unicode: String, ascii: String), JIDError> {
        func fail(_ code: JIDError.Code, at offset: Int? = nil, codePoint: UInt32? = nil, _ message: String)
            -> Result<(unicode: String, ascii: String), JIDError>
        {
            .failure(
                JIDError(
                    code, part: .domainpart, offset: offset.map { base + $0 },
                    codePoint: codePoint.flatMap(Unicode.Scalar.init), message: message))
        }
        var scalars = input
        // RFC 6122 §2.2: one trailing label separator (any IDNA2003 dot) is stripped.
        if let last = scalars.last, [0x2E, 0x3002, 0xFF0E, 0xFF61].contains(last) { scalars.removeLast() }
        guard !scalars.isEmpty else { return fail(.partEmpty(.domainpart), "The domain is empty.") }
        // Empty labels (a leading dot, two in a row, a second trailing dot) are refused, as under RFC 7622:
        // IDNA2003 would keep one as the root label and the canonical form would not parse again.
        let isDot = { (scalar: UInt32) in [0x2E, 0x3002, 0xFF0E, 0xFF61].contains(scalar) }
        if scalars.first != 0x5B,
            let index = scalars.indices.first(where: {
                isDot(scalars[$0]) && ($0 == 0 || $0 == scalars.count - 1 || isDot(scalars[$0 - 1]))
            })
        {
            return fail(
                .domainEmptyLabel, at: index,
                "The domain has an empty label: it starts with a dot or has two dots in a row.")
        }
        let text = UnicodeText.string(scalars)
        if scalars.first == 0x5B {
            guard scalars.last == 0x5D, let address = IPLiteral.ipv6(String(text.dropFirst().dropLast())) else {
                return fail(.domainInvalidIPv6, at: 0, "'\(text)' is not a bracketed IPv6 address.")
            }
            return .success(("[\(address)]", "[\(address)]"))
        }
        if let address = IPLiteral.ipv4(text.split(separator: ".", omittingEmptySubsequences: false)) {
            return .success((address, address))
        }
        let ascii: [UInt32]
        do {
            // ToASCII leaves all-ASCII labels as they are (RFC 3490 §4.1 step 2); domains compare without case
            // (RFC 6122 §2.2), so every label is lower-cased, as Nameprep does to the others.
            ascii = try Stringprep.toASCII(scalars, mode: mode).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        } catch {
            return fail(
                .idna2003(error), at: nil,
                "The domain '\(text)' fails IDNA2003 ToASCII with STD3 rules "
                    + "(RFC 3490 §4.1): \(error.description).")
        }
        // ToUnicode label by label. A label stays in ACE form when its decoding would not parse back to itself:
        // text holding a full stop (U+002E, U+3002, U+FF0E, U+FF61) would read as two labels, and a run of more
        // non-starters than the input may hold (`jid.not-stream-safe`) would be refused.
        let unicode = ascii.split(separator: 0x2E, omittingEmptySubsequences: false).map { label -> [UInt32] in
            let label = Array(label)
            guard let decoded = try? Stringprep.toUnicode(label, mode: mode), !decoded.contains(where: isDot),
                JIDParser.isStreamSafe(UnicodeText.string(decoded))
            else { return label }
            return decoded
        }.joined(separator: [0x2E]).map { $0 }
        let output = UnicodeText.string(unicode)
        guard output.utf8.count <= JIDParser.maximumPartOctets else {
            return fail(.partTooLong(.domainpart), "The domain is \(output.utf8.count) octets long; the limit is 1023.")
        }
        // RFC 3490 §4.1 ToASCII checks each label's length; RFC 6122 §2.2 names the whole as a DNS domain
        // name, so the length limits of RFC 1034 §3.1 apply as under RFC 7622 §3.2: 253 octets in text.
        guard ascii.count <= Domainpart.dnsMaximum else {
            return fail(
                .domainDNSTooLong,
                "The domain is \(ascii.count) octets long in ACE form; DNS names are at most "
                    + "\(Domainpart.dnsMaximum) (RFC 1034 §3.1).")
        }
        return .success((output, UnicodeText.string(ascii)))
    }
}

extension StringprepProfile {
    var name: String {
        switch self {
        case .nodeprep: "Nodeprep"
        case .resourceprep: "Resourceprep"
        case .nameprep: "Nameprep"
        }
    }

    var reference: String {
        switch self {
        case .nodeprep: "RFC 3920 Appendix A.5"
        case .resourceprep: "RFC 3920 Appendix B.5"
        case .nameprep: "RFC 3491 §5"
        }
    }
}

extension StringprepFailure: CustomStringConvertible {
    public var description: String {
        switch self {
        case .prohibited: "it contains a prohibited character"
        case .unassigned: "it contains a code point unassigned in Unicode 3.2"
        case .bidi: "it mixes right-to-left and left-to-right text"
        case .labelTooLong: "a label is empty or longer than 63 octets"
        case .domainTooLong: "the name is longer than 253 octets"
        case .std3: "a label has a character other than letters, digits and hyphens, or begins or ends with a hyphen"
        case .acePrefix: "a label has the ACE prefix 'xn--' but does not decode"
        case .other: "ICU reports an error"
        }
    }
}

extension JIDError.Code {
    static func prohibited(_ part: JIDPart) -> Self { Self(rawValue: part.rawValue + ".prohibited-codepoint") }

    static func idna2003(_ failure: StringprepFailure) -> Self {
        switch failure {
        case .prohibited: Self(rawValue: "domainpart.prohibited-codepoint")
        case .unassigned: Self(rawValue: "domainpart.unassigned-codepoint")
        case .bidi: Self(rawValue: "domainpart.bidi-rule")
        case .labelTooLong: Self(rawValue: "domainpart.label-too-long")
        case .domainTooLong: .domainDNSTooLong
        case .std3: Self(rawValue: "domainpart.non-ldh-character")
        case .acePrefix: Self(rawValue: "domainpart.invalid-a-label")
        case .other: Self(rawValue: "domainpart.idna2003-error")
        }
    }
}
