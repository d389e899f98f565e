import CUnicode

/// An enforced XMPP domainpart (RFC 7622 §3.2): a fully qualified domain name in U-label form, or an IP literal.
public struct Domainpart: Sendable, Hashable {
    /// The canonical form used in JIDs: U-labels, lower case, no trailing dot; or the IP literal.
    public let unicode: String
    /// The same name with A-labels ("xn--..."), as DNS and TLS certificates spell it.
    public let ascii: String
    /// Whether the domainpart is an IPv4 address or a bracketed IPv6 address.
    public let isIPLiteral: Bool

    /// The longest A-label form DNS can carry (RFC 1035 §2.3.4, in text form without the final dot).
    static let dnsMaximum = 253
    /// RFC 7622 §3.2: a domainpart is at most 1023 octets.
    static let maximumOctets = 1023

    /// Outcome of enforcing a domainpart: the domainpart or the error, and warnings either way.
    package struct Outcome {
        package var result: Result<Domainpart, JIDError>
        package var warnings: [JIDError] = []
    }

    /// Accept-only fast path for the common case: ASCII letters, digits, hyphens and dots that need nothing
    /// but lower-casing. Returns nil whenever the general path must decide (it gives identical results).
    static func fastASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Domainpart? {
        guard bytes.count <= dnsMaximum + 1 else { return nil }
        var accepted = false
        let text = String(unsafeUninitializedCapacity: bytes.count) { buffer in
            guard let length = fastASCII(bytes, into: buffer.baseAddress!) else { return 0 }
            accepted = true
            return length
        }
        return accepted ? Domainpart(unicode: text, ascii: text, isIPLiteral: false) : nil
    }

    /// Whether ``fastASCII(_:)`` takes `bytes`, without making its strings.
    static func isFastASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= dnsMaximum + 1 else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: dnsMaximum + 1) { buffer in
            fastASCII(bytes, into: buffer.baseAddress!) != nil
        }
    }

    /// The fast path's work without allocation: writes the canonical domain into `output` (room for
    /// `bytes.count` bytes) and returns its length, or nil when the general path must decide.
    ///
    /// Eight bytes at a time: each word is checked to hold only letters, digits, hyphens and dots and copied
    /// with its capitals lowered; each dot closes a label, whose length and hyphens are then checked. The last
    /// word is loaded so that it ends with the name (overlapping the one before), so no byte is left over.
    static func fastASCII(_ bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>) -> Int? {
        var count = bytes.count
        guard count > 0, count <= dnsMaximum + 1, let input = bytes.baseAddress else { return nil }
        if input[count - 1] == UInt8(ascii: ".") { count -= 1 }
        // Longer names are invalid (domainpart.dns-too-long); the general path says so.
        guard count > 0, count <= dnsMaximum else { return nil }
        var labelStart = 0
        /// Whether the label from `labelStart` to `end` is 1–63 octets, does not begin or end with a hyphen and
        /// has no hyphens in its third and fourth places (RFC 5891 §4.2.3.1: "xn--" labels need the general path).
        func labelIsValid(endingAt end: Int) -> Bool {
            let length = end - labelStart
            guard length > 0, length <= 63, output[labelStart] != 0x2D, output[end - 1] != 0x2D else { return false }
            return length < 4 || output[labelStart + 2] != 0x2D || output[labelStart + 3] != 0x2D
        }
        if count >= 8 {
            var index = 0
            while true {
                let word = UInt64(littleEndian: UnsafeRawPointer(input + index).loadUnaligned(as: UInt64.self))
                guard let (lowered, dots) = ByteWord.ldhLowered(word) else { return nil }
                UnsafeMutableRawPointer(output + index).storeBytes(of: lowered.littleEndian, as: UInt64.self)
                // Dots before `labelStart` were handled with the previous, overlapping word.
                var pending = dots
                while pending != 0 {
                    let position = index + pending.trailingZeroBitCount / 8
                    pending &= pending &- 1
                    guard position >= labelStart else { continue }
                    guard labelIsValid(endingAt: position) else { return nil }
                    labelStart = position + 1
                }
                if index + 8 == count { break }
                index = min(index + 8, count - 8)
            }
        } else {
            for index in 0..<count {
                let byte = input[index]
                switch byte {
                case 0x61...0x7A, 0x30...0x39, 0x2D: output[index] = byte
                case 0x41...0x5A: output[index] = byte | 0x20
                case 0x2E:
                    guard labelIsValid(endingAt: index) else { return nil }
                    output[index] = byte
                    labelStart = index + 1
                default: return nil
                }
            }
        }
        guard labelIsValid(endingAt: count) else { return nil }
        // An all-digit last label is an IPv4 address or a numeric TLD: the general path decides.
        for index in labelStart..<count where output[index] &- 0x30 >= 10 { return count }
        return nil
    }

    /// Enforcement of a domainpart (RFC 7622 §3.2.2): RFC 5895 mapping, then IP literal or IDNA2008 labels.
    ///
    /// - Parameters:
    ///   - scalars: the domainpart as the user wrote it.
    ///   - base: the domainpart's offset in the whole input, in scalars.
    static func enforce(_ scalars: [UInt32], base: Int) -> Outcome {
        func reject(
            _ code: JIDError.Code, at offset: Int? = nil, codePoint: UInt32? = nil, category: String? = nil,
            _ message: String
        ) -> Outcome {
            Domainpart.failure(code, base: base, at: offset, codePoint, category: category, message)
        }
        guard !scalars.isEmpty else { return reject(.partEmpty(.domainpart), "The domain is empty.") }
        if scalars.first == 0x5B { return ipLiteral(scalars, base: base) }

        // RFC 5895 §2: lower case, width mapping, NFC, and the ideographic full stops as label separators.
        // Characters already PVALID keep their case: Cherokee capitals are valid and their small letters are
        // not (NFKC_Casefold maps small to capital), so lower-casing would break a valid name.
        var text = MappedText(scalars).lowercased(keeping: { IDNA2008Property.of($0) == .pvalid }).widthMapped()
            .normalized(.nfc)
        for index in text.scalars.indices where text.scalars[index] == 0x3002 { text.scalars[index] = 0x2E }
        // RFC 7622 §3.2: one trailing label separator is stripped.
        if text.scalars.last == 0x2E {
            text.scalars.removeLast()
            text.origins.removeLast()
        }
        guard !text.scalars.isEmpty else {
            return reject(.partEmpty(.domainpart), "The domain is empty (it is only a dot).")
        }

        // Labels, with their positions in `text`.
        var labels: [Range<Int>] = []
        var start = 0
        for index in 0...text.scalars.count where index == text.scalars.count || text.scalars[index] == 0x2E {
            labels.append(start..<index)
            start = index + 1
        }
        for label in labels where label.isEmpty {
            let dot = label.lowerBound < text.scalars.count ? label.lowerBound : label.lowerBound - 1
            return reject(
                .domainEmptyLabel, at: Int(text.origins[max(0, dot)]),
                "The domain has an empty label: it starts with a dot or has two dots in a row.")
        }
        let labelStrings = labels.map { UnicodeText.string(text.scalars[$0]) }

        // IPv4 literals, and names that would be mistaken for them.
        if labelStrings.last!.allSatisfy(\.isASCIIDigit) {
            if let address = IPLiteral.ipv4(labelStrings.map { $0[...] }) {
                return Outcome(result: .success(Domainpart(unicode: address, ascii: address, isIPLiteral: true)))
            }
            if labels.count == 4 && labelStrings.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) {
                return reject(
                    .domainInvalidIPv4, at: Int(text.origins[0]),
                    "The domain looks like an IPv4 address but is not one: each of the four numbers must be "
                        + "0 to 255, written without leading zeros.")
            }
            return reject(
                .domainNumericTLD, at: Int(text.origins[labels.last!.lowerBound]),
                "The last label of the domain is all digits; a domain name's top-level label cannot be numeric "
                    + "(RFC 3696 §2), and this is not an IPv4 address.")
        }

        var unicodeLabels: [String] = []
        var asciiLabels: [String] = []
        for (label, string) in zip(labels, labelStrings) {
            let scalarsOfLabel = Array(text.scalars[label])
            let origin = { (index: Int) in Int(text.origins[label.lowerBound + index]) }
            switch checkLabel(string, scalarsOfLabel) {
            case .success(let (unicode, ascii)):
                unicodeLabels.append(unicode)
                asciiLabels.append(ascii)
            case .failure(var problem):
                // Name the character the user typed when mapping changed it (fullwidth '＠' became '@').
                let inputIndex = origin(problem.index)
                if let mapped = problem.codePoint, scalars.indices.contains(inputIndex), scalars[inputIndex] != mapped,
                    let typed = Unicode.Scalar(scalars[inputIndex])
                {
                    problem.message += " (It was typed as \(typed.quoted).)"
                    problem.codePoint = typed.value
                }
                return reject(
                    problem.code, at: inputIndex, codePoint: problem.codePoint, category: problem.category,
                    problem.message)
            }
        }

        // RFC 5893 §2: in a domain name with a right-to-left label, every label satisfies the Bidi Rule.
        let labelScalars = unicodeLabels.map(UnicodeText.scalars)
        if labelScalars.contains(where: BidiRule.containsRightToLeft) {
            for (position, scalarsOfLabel) in labelScalars.enumerated() {
                if let (condition, _) = BidiRule.violation(scalarsOfLabel) {
                    return reject(
                        .bidiRule(.domainpart), at: Int(text.origins[labels[position].lowerBound]),
                        "The domain has right-to-left labels, so every label must satisfy the Bidi Rule "
                            + "(RFC 5893 condition \(condition)); the label '\(unicodeLabels[position])' does not.")
                }
            }
        }

        let unicode = unicodeLabels.joined(separator: ".")
        let ascii = asciiLabels.joined(separator: ".")
        guard unicode.utf8.count <= maximumOctets else {
            return reject(
                .partTooLong(.domainpart),
                "The domain is \(unicode.utf8.count) octets long; the limit is \(maximumOctets) (RFC 7622 §3.2).")
        }
        // RFC 7622 §3.2: "the length limits of [RFC1034] apply": 255 octets in wire form, 253 in text (without
        // the root's dot, already stripped).
        guard ascii.utf8.count <= dnsMaximum else {
            return reject(
                .domainDNSTooLong,
                "The domain is \(ascii.utf8.count) octets long in A-label form; DNS names are at most \(dnsMaximum) "
                    + "(RFC 7622 §3.2, RFC 1034 §3.1).")
        }
        return Outcome(result: .success(Domainpart(unicode: unicode, ascii: ascii, isIPLiteral: false)))
    }

    private static func failure(
        _ code: JIDError.Code, base: Int, at offset: Int?, _ codePoint: UInt32?, category: String?, _ message: String
    ) -> Outcome {
        Outcome(
            result: .failure(
                JIDError(
                    code, part: .domainpart, offset: offset.map { $0 + base },
                    codePoint: codePoint.flatMap(Unicode.Scalar.init), category: category, message: message)))
    }

    /// A problem with one label; `index` counts scalars from the label's start.
    struct LabelProblem: Error {
        var code: JIDError.Code
        var index: Int
        var codePoint: UInt32?
        var category: String?
        var message: String
    }

    /// Validates one mapped, lower-case label; returns its U-label and A-label forms.
    static func checkLabel(_ label: String, _ scalars: [UInt32]) -> Result<(String, String), LabelProblem> {
        if scalars.allSatisfy({ $0 < 0x80 }) { return checkASCIILabel(label, scalars) }
        return checkULabel(label, scalars).map { (label, $0) }
    }

    private static func checkASCIILabel(_ label: String, _ scalars: [UInt32]) -> Result<(String, String), LabelProblem>
    {
        for (index, scalar) in scalars.enumerated() {
            let isLDH = (scalar >= 0x61 && scalar <= 0x7A) || (scalar >= 0x30 && scalar <= 0x39) || scalar == 0x2D
            if isLDH { continue }
            let character = Unicode.Scalar(decoded: scalar).quoted
            let message: String
            switch scalar {
            case 0x40:
                message =
                    "'@' cannot appear in the domain; an address has at most one '@', between the user name "
                    + "and the domain."
            case 0x5F:
                message =
                    "\(character) is not allowed in a domain name: host names use only letters, digits and hyphens."
            default:
                message =
                    "\(character) is not allowed in a domain name, which uses only letters, digits, hyphens and dots."
            }
            return .failure(
                LabelProblem(code: .domainNonLDHCharacter, index: index, codePoint: scalar, message: message))
        }
        if scalars.count > 63 {
            return .failure(
                LabelProblem(
                    code: .domainLabelTooLong, index: 0,
                    message: "The domain label '\(label.prefix(20))…' is \(scalars.count) characters long; "
                        + "the limit is 63."))
        }
        if scalars.first == 0x2D || scalars.last == 0x2D {
            return .failure(
                LabelProblem(
                    code: .domainHyphenStartEnd, index: scalars.first == 0x2D ? 0 : scalars.count - 1,
                    codePoint: 0x2D, message: "A domain label cannot begin or end with a hyphen ('\(label)')."))
        }
        guard scalars.count >= 4, scalars[2] == 0x2D, scalars[3] == 0x2D else { return .success((label, label)) }
        guard scalars[0] == 0x78, scalars[1] == 0x6E else {
            return .failure(
                LabelProblem(
                    code: .domainReservedLabel, index: 2,
                    message: "The domain label '\(label)' has hyphens in its third and fourth positions, which "
                        + "are reserved for encoded labels such as 'xn--' (RFC 5891 §4.2.3.1)."))
        }
        return checkALabel(label)
    }

    /// An A-label must decode to a valid U-label that encodes back to the same A-label (RFC 5891 §5.4).
    private static func checkALabel(_ label: String) -> Result<(String, String), LabelProblem> {
        func invalid(_ why: String) -> Result<(String, String), LabelProblem> {
            .failure(
                LabelProblem(
                    code: .domainInvalidALabel, index: 0,
                    message: "The domain label '\(label)' is not a valid A-label: \(why)."))
        }
        guard let unicode = IDN2.toUnicode(label) else { return invalid("it is not valid Punycode") }
        let scalars = UnicodeText.scalars(unicode)
        if scalars.allSatisfy({ $0 < 0x80 }) { return invalid("it decodes to plain ASCII ('\(unicode)')") }
        guard JIDParser.isStreamSafe(unicode) else { return invalid(JIDParser.notStreamSafeALabelReason) }
        switch checkULabel(unicode, scalars) {
        case .failure(let problem):
            let reason = problem.message.hasSuffix(".") ? String(problem.message.dropLast()) : problem.message
            return invalid("it decodes to \(unicode.debugDescription) — \(reason)")
        case .success(let ascii):
            guard ascii == label else { return invalid("it decodes to '\(unicode)', which encodes as '\(ascii)'") }
            return .success((unicode, ascii))
        }
    }

    /// The first character of a label whose RFC 5892 Appendix A rule is not satisfied.
    private static func contextRuleViolation(_ scalars: [UInt32]) -> LabelProblem? {
        for (index, scalar) in scalars.enumerated() where scalar >= 0x80 {
            guard let rule = ContextRule.governing(scalar), !rule.isSatisfied(at: index, in: scalars) else { continue }
            return LabelProblem(
                code: .contextRule(.domainpart), index: index, codePoint: scalar,
                message:
                    "\(Unicode.Scalar(decoded: scalar).quoted) is allowed only \(rule.requirement) (RFC 5892 Appendix A)."
            )
        }
        return nil
    }

    /// Validates a U-label with libidn2 (IDNA2008 lookup, RFC 5891 §5) and returns its A-label. When libidn2
    /// refuses, the IDNA2008 tables and context rules locate the character at fault.
    private static func checkULabel(_ label: String, _ scalars: [UInt32]) -> Result<String, LabelProblem> {
        // ASCII in a U-label is LDH too (RFC 5892 §2.5). libidn2 takes a C string, so a NUL would end the
        // label early: nothing but LDH reaches it.
        if let index = scalars.firstIndex(where: {
            $0 < 0x80 && !(($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D)
        }) {
            return .failure(
                LabelProblem(
                    code: .domainNonLDHCharacter, index: index, codePoint: scalars[index],
                    message:
                        "\(Unicode.Scalar(decoded: scalars[index]).quoted) is not allowed in a domain name, which uses "
                        + "only letters, digits, hyphens and dots."))
        }
        let status: IDN2Error
        switch IDN2.lookup(label) {
        case .success(let ascii):
            // libidn2's lookup leaves the CONTEXTO rules to registries (RFC 5891 §5.4); an address must satisfy
            // them (RFC 5892 Appendix A), so they are checked here.
            if let problem = contextRuleViolation(scalars) { return .failure(problem) }
            guard ascii.utf8.count <= 63 else {
                return .failure(
                    LabelProblem(
                        code: .domainLabelTooLong, index: 0,
                        message: "The domain label '\(label)' is \(ascii.utf8.count) octets long as an A-label "
                            + "('\(ascii.prefix(24))…'); the limit is 63."))
            }
            return .success(ascii)
        case .failure(let error): status = error
        }
        switch status {
        case .disallowed, .unassigned:
            if let index = scalars.firstIndex(where: {
                let property = IDNA2008Property.of($0)
                return property == .disallowed || property == .unassigned
            }) {
                let scalar = scalars[index]
                let unassigned = IDNA2008Property.of(scalar) == .unassigned
                return .failure(
                    LabelProblem(
                        code: unassigned ? .unassigned(.domainpart) : .disallowed(.domainpart), index: index,
                        codePoint: scalar, category: unassigned ? "unassigned" : "idna2008-disallowed",
                        message: unassigned
                            ? "\(Unicode.Scalar(decoded: scalar).codePointNotation) is not an assigned character, so it "
                                + "cannot be used in a domain name."
                            : "\(Unicode.Scalar(decoded: scalar).quoted) is not allowed in internationalized domain names "
                                + "(IDNA2008, RFC 5892)."))
            }
        case .contextJ, .contextJNoRule, .contextO, .contextONoRule:
            if let problem = contextRuleViolation(scalars) { return .failure(problem) }
        case .bidi:
            let index = BidiRule.violation(scalars)?.index ?? 0
            return .failure(
                LabelProblem(
                    code: .bidiRule(.domainpart), index: index, codePoint: scalars[index],
                    message: "The domain label '\(label)' breaks the Bidi Rule for right-to-left text (RFC 5893)."))
        case .leadingCombining:
            return .failure(
                LabelProblem(
                    code: .domainLeadingCombiningMark, index: 0, codePoint: scalars[0],
                    message: "The domain label '\(label)' begins with a combining mark "
                        + "\(Unicode.Scalar(decoded: scalars[0]).quoted), which must follow a letter (RFC 5891 §4.2.3.2)."
                ))
        case .hyphenStartEnd:
            return .failure(
                LabelProblem(
                    code: .domainHyphenStartEnd, index: scalars.first == 0x2D ? 0 : scalars.count - 1, codePoint: 0x2D,
                    message: "A domain label cannot begin or end with a hyphen ('\(label)')."))
        case .twoHyphens:
            return .failure(
                LabelProblem(
                    code: .domainReservedLabel, index: 2,
                    message: "The domain label '\(label)' has hyphens in its third and fourth positions, which are "
                        + "reserved (RFC 5891 §4.2.3.1)."))
        case .labelTooBig:
            return .failure(
                LabelProblem(
                    code: .domainLabelTooLong, index: 0,
                    message: "The domain label '\(label.prefix(20))…' is longer than 63 octets as an A-label."))
        case .other: break
        }
        return .failure(
            LabelProblem(
                code: .domainIDNAError, index: 0,
                message: "The domain label '\(label)' is not a valid internationalized domain label "
                    + "(libidn2: \(status.name), \(status.message))."))
    }

    /// `[IPv6]` literals (RFC 3986 §3.2.2). Zone identifiers (RFC 6874) are refused: they name an interface of
    /// the host that reads the address, so the same JID would mean different things on different hosts.
    private static func ipLiteral(_ scalars: [UInt32], base: Int) -> Outcome {
        func fail(_ code: JIDError.Code, _ offset: Int, _ codePoint: UInt32?, _ message: String) -> Outcome {
            failure(code, base: base, at: offset, codePoint, category: nil, message)
        }
        let text = UnicodeText.string(scalars)
        guard scalars.count >= 3, scalars.last == 0x5D else {
            return fail(
                .domainInvalidIPLiteral, 0, nil,
                "The domain starts with '[' but is not a bracketed IPv6 address such as '[2001:db8::1]'.")
        }
        let inner = String(text.dropFirst().dropLast())
        if let percent = scalars.firstIndex(of: 0x25) {
            return fail(
                .domainIPv6ZoneID, percent, 0x25,
                "IPv6 zone identifiers ('%…') are not allowed in an address: they name a network interface of "
                    + "one host (RFC 6874) and mean nothing to anyone else.")
        }
        if inner.first == "v" || inner.first == "V" {
            return fail(
                .domainInvalidIPLiteral, 1, nil,
                "Future IP address formats ('[v…]', RFC 3986 §3.2.2) are not supported; use an IPv6 address.")
        }
        guard inner.utf8.allSatisfy({ $0 < 0x80 }), let address = IPLiteral.ipv6(inner) else {
            return fail(.domainInvalidIPv6, 1, nil, "'\(inner)' is not a valid IPv6 address.")
        }
        let literal = "[" + address + "]"
        return Outcome(result: .success(Domainpart(unicode: literal, ascii: literal, isIPLiteral: true)))
    }
}
