import CUnicode

/// Splits an input into parts (RFC 7622 §3.1) and enforces each: localpart with UsernameCaseMapped (§3.3),
/// domainpart per §3.2, resourcepart with OpaqueString (§3.4).
///
/// Each part may take a shortcut of `Lanes` (``FastLanes`` in production) that returns exactly what the general
/// path would; anything a shortcut is not sure of goes to the general path, which alone produces errors.
package struct AddressParser<Lanes: ParserLanes>: Sendable {
    /// Inputs longer than this are refused before any Unicode work: 3 × 3071 octets, the largest valid address
    /// (1023 octets per part plus two separators) written with characters that map to a third of their size
    /// (fullwidth letters, decomposed Hangul).
    static var maximumInputOctets: Int { 3 * 3071 }
    /// RFC 7622 §3.2–3.4: each part is at most 1023 octets after enforcement.
    static var maximumPartOctets: Int { 1023 }

    package static var standard: Self { Self() }

    func parse(_ input: String) -> JIDResult {
        if let result = input.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0, input: input) }) {
            return result
        }
        let bytes = Array(input.utf8)
        return bytes.withUnsafeBufferPointer { parse(bytes: $0, input: input) }
    }

    package func parse(utf8 bytes: [UInt8]) -> JIDResult {
        bytes.withUnsafeBufferPointer { parse(utf8: $0) }
    }

    func parse(utf8 buffer: UnsafeBufferPointer<UInt8>) -> JIDResult {
        // One pass validates and builds the input string; the offending offset is looked for only on failure.
        guard let input = String(validating: buffer, as: UTF8.self) else { return Self.illFormedResult(buffer) }
        return parse(bytes: buffer, input: input)
    }

    /// Most non-starters (combining marks, counted in NFKD) allowed in a row: the Stream-Safe Text Format of
    /// UAX #15 §13. No writing system needs more, and normalization reorders a run in time that grows with the
    /// square of its length, so longer runs are refused before any Unicode work.
    static var maximumNonStarterRun: Int { 30 }

    /// The error for a run of more than ``maximumNonStarterRun`` non-starters, if the input has one; shared by
    /// both RFCs' parsers. `at` and `slash` are the §3.1 delimiters, which say whose part the run is in.
    static func streamSafeViolation(_ bytes: UnsafeBufferPointer<UInt8>, at: Int?, slash: Int?) -> JIDError? {
        guard let base = bytes.baseAddress else { return nil }
        var scalarIndex: Int32 = 0
        let byteOffset = Int(
            cu_stream_safe_violation(base, Int32(bytes.count), Int32(maximumNonStarterRun), &scalarIndex))
        guard byteOffset >= 0 else { return nil }
        let part: JIDPart =
            if let slash, byteOffset > slash { .resourcepart } else if let at, byteOffset < at { .localpart } else {
                .domainpart
            }
        var decoder = UTF8()
        var iterator = UnsafeBufferPointer(rebasing: bytes[byteOffset...]).makeIterator()
        var codePoint: Unicode.Scalar?
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { codePoint = scalar }
        let character = codePoint.map { " (\($0.codePointNotation) \($0.icuName))" } ?? ""
        return JIDError(
            .notStreamSafe, part: part, offset: Int(scalarIndex), codePoint: codePoint,
            message: "Character \(scalarIndex + 1)\(character) makes a run of more than \(maximumNonStarterRun) "
                + "combining marks in a row in \(part.userFacingName); text may stack at most "
                + "\(maximumNonStarterRun) (Unicode Stream-Safe Text Format, UAX #15 §13), and no language needs more.")
    }

    /// The result for bytes that are not UTF-8 (shown with U+FFFD replacements). Shared by both RFCs' parsers.
    static func illFormedResult(_ buffer: UnsafeBufferPointer<UInt8>) -> JIDResult {
        let input = String(decoding: buffer, as: UTF8.self)
        let offset = firstIllFormedScalar(buffer)?.0 ?? 0
        let error = JIDError(
            .invalidUTF8, part: nil, offset: offset,
            message: "The input is not valid UTF-8 (at character \(offset + 1)); addresses are Unicode text "
                + "encoded as UTF-8.")
        return JIDResult(input: input, jid: nil, errors: [error], warnings: [], suggestion: nil)
    }

    /// The scalar offset and byte offset of the first ill-formed sequence, or nil if the bytes are valid UTF-8.
    static func firstIllFormedScalar(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = 0
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars += 1
                consumed += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return (scalars, consumed)
            }
        }
    }

    func parse(bytes: UnsafeBufferPointer<UInt8>, input: String) -> JIDResult {
        func failed(_ error: JIDError) -> JIDResult {
            JIDResult(input: input, jid: nil, errors: [error], warnings: [], suggestion: nil)
        }
        if bytes.isEmpty { return failed(JIDError(.empty, part: nil, message: "The address is empty.")) }
        if bytes.count > Self.maximumInputOctets {
            return failed(
                JIDError(
                    .tooLong, part: nil,
                    message: "The input is \(bytes.count) octets long; no valid address is longer than "
                        + "\(Self.maximumInputOctets) octets before enforcement (3071 after)."))
        }
        if let result = Lanes.address(bytes, input: input) { return result }
        let (at, slash) = Self.delimiters(bytes)
        if let error = Self.streamSafeViolation(bytes, at: at, slash: slash) { return failed(error) }
        return enforce(bytes: bytes, input: input, at: at, slash: slash)
    }

    /// The result for an address whose every part takes its ASCII fast path (printable ASCII localpart without
    /// the §3.3.1 exclusions, LDH domain, printable ASCII resourcepart), built in one pass without intermediate
    /// results. Nil when any part needs more: `enforce` then decides, and gives the same result for the inputs
    /// accepted here (the fast-path equivalence tests compare the two).
    static func plainASCIIAddress(_ bytes: UnsafeBufferPointer<UInt8>, input: String) -> JIDResult? {
        guard let start = bytes.baseAddress else { return nil }
        let count = bytes.count
        // Any non-ASCII byte sends the whole address to `enforce` (a loop the compiler vectorizes).
        var high: UInt8 = 0
        for index in 0..<count { high |= start[index] }
        guard high < 0x80 else { return nil }
        let (foundAt, slash) = Self.delimiters(bytes)
        let at = foundAt ?? -1
        let end = slash ?? count
        var localpart: String?
        if at >= 0 {
            guard let ascii = asciiLocalpart(UnsafeBufferPointer(rebasing: bytes[0..<at])) else { return nil }
            localpart = ascii
        }
        guard let domain = Domainpart.fastASCII(UnsafeBufferPointer(rebasing: bytes[(at + 1)..<end])) else {
            return nil
        }
        var resourcepart: String?
        if end < count {
            guard let ascii = asciiResourcepart(UnsafeBufferPointer(rebasing: bytes[(end + 1)...])) else { return nil }
            resourcepart = ascii
        }
        let jid = JID(
            localpart: localpart, domainpart: domain.unicode, domainAscii: domain.ascii, resourcepart: resourcepart)
        return JIDResult(input: input, jid: jid, errors: [], warnings: [], suggestion: nil)
    }

    /// RFC 7622 §3.1: the resourcepart follows the first "/", the localpart precedes the first "@" before it.
    /// Returns the offsets of that "@" and that "/". Eight bytes at a time, then byte by byte.
    static func delimiters(_ bytes: UnsafeBufferPointer<UInt8>) -> (at: Int?, slash: Int?) {
        guard let start = bytes.baseAddress else { return (nil, nil) }
        let count = bytes.count
        var at: Int?
        var index = 0
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self))
            let slashes = ByteWord.bytes(equalTo: UInt8(ascii: "/"), word)
            let ats = ByteWord.bytes(equalTo: UInt8(ascii: "@"), word)
            if at == nil && ats != 0 && (slashes == 0 || ats.trailingZeroBitCount < slashes.trailingZeroBitCount) {
                at = index + ats.trailingZeroBitCount / 8
            }
            if slashes != 0 { return (at, index + slashes.trailingZeroBitCount / 8) }
            index += 8
        }
        while index < count {
            let byte = start[index]
            if byte == UInt8(ascii: "/") { return (at, index) }
            if byte == UInt8(ascii: "@") && at == nil { at = index }
            index += 1
        }
        return (at, nil)
    }

    /// Parses an address given as separate parts, as when it comes from a URI whose parts were percent-decoded:
    /// a part may then contain "@" or "/" that must not split it again.
    func parse(localpart: String?, domainpart: String, resourcepart: String?) -> JIDResult {
        var text = ""
        if let localpart { text += localpart + "@" }
        let at = localpart.map { $0.utf8.count }
        text += domainpart
        let slash = resourcepart.map { _ in text.utf8.count }
        if let resourcepart { text += "/" + resourcepart }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            if buffer.count > Self.maximumInputOctets { return parse(bytes: buffer, input: text) }
            return enforce(bytes: buffer, input: text, at: at, slash: slash)
        }
    }

    /// Enforces the parts of `bytes` delimited by the "@" at `at` and the "/" at `slash`.
    private func enforce(
        bytes: UnsafeBufferPointer<UInt8>, input: String, at: Int?, slash: Int?
    ) -> JIDResult {
        let end = slash ?? bytes.count
        let domainStart = at.map { $0 + 1 } ?? 0

        var errors: [JIDError] = []
        var warnings: [JIDError] = []
        var localpart: String?
        var resourcepart: String?
        var domainpart: Domainpart?

        if let at {
            switch enforceLocalpart(UnsafeBufferPointer(rebasing: bytes[0..<at])) {
            case .success(let value): localpart = value
            case .failure(let error): errors.append(error)
            }
        }
        let domainBytes = UnsafeBufferPointer(rebasing: bytes[domainStart..<end])
        if let fast = Lanes.domainpart(domainBytes) {
            domainpart = fast
        } else {
            let compute = {
                Domainpart.enforce(
                    UnicodeText.scalars(domainBytes) ?? [], base: Self.scalarCount(bytes, upTo: domainStart))
            }
            let outcome = Lanes.domainpart(domainBytes, compute: compute)
            warnings = outcome.warnings
            switch outcome.result {
            case .success(let value): domainpart = value
            case .failure(let error): errors.append(error)
            }
        }
        if let slash {
            let base = slash + 1
            switch enforceResourcepart(UnsafeBufferPointer(rebasing: bytes[base...]), in: bytes, from: base) {
            case .success(let value): resourcepart = value
            case .failure(let error): errors.append(error)
            }
        }
        guard errors.isEmpty, let domainpart else {
            return JIDResult(
                input: input, jid: nil, errors: errors, warnings: warnings,
                suggestion: suggestedAddress(errors, localpart: localpart, bytes: bytes, at: at, slash: slash))
        }
        let jid = JID(
            localpart: localpart, domainpart: domainpart.unicode, domainAscii: domainpart.ascii,
            resourcepart: resourcepart)
        return JIDResult(input: input, jid: jid, errors: [], warnings: warnings, suggestion: nil)
    }

    /// Number of scalars in the first `end` bytes (which end on a scalar boundary).
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) -> Int {
        var count = 0
        for index in 0..<end where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    // MARK: Localpart

    /// RFC 7622 §3.3.1: characters a localpart may not contain after enforcement.
    static func isExcludedFromLocalpart(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x22, 0x26, 0x27, 0x2F, 0x3A, 0x3C, 0x3E, 0x40: true
        default: false
        }
    }

    /// A byte that UsernameCaseMapped at most lower-cases and §3.3.1 allows: printable ASCII except space and
    /// `" & ' / : < > @`. (Nodeprep treats exactly these bytes the same way, RFC 3920 A.5.)
    @inline(__always)
    static func isPlainLocalpartByte(_ byte: UInt8) -> Bool {
        byte >= 0x21 && byte <= 0x7E && !isExcludedFromLocalpart(UInt32(byte))
    }

    func enforceLocalpart(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<String, JIDError> {
        if let fast = Lanes.localpart(bytes) { return .success(fast) }
        return enforceLocalpartGeneral(UnicodeText.scalars(bytes) ?? [], base: 0)
    }

    /// The ASCII fast path of a localpart: printable ASCII without the §3.3.1 exclusions, which
    /// UsernameCaseMapped only lower-cases. Nil when the general path must decide.
    static func asciiLocalpart(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard !bytes.isEmpty, bytes.count <= maximumPartOctets,
            bytes.allSatisfy(isPlainLocalpartByte)
        else { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for index in bytes.indices {
                let byte = bytes[index]
                buffer[index] = ASCII.lowercased(byte)
            }
            return bytes.count
        }
    }

    /// The general path: also used for suggestions, with `base` 0 relative to the localpart.
    func enforceLocalpartGeneral(_ scalars: [UInt32], base: Int) -> Result<String, JIDError> {
        guard !scalars.isEmpty else {
            return .failure(
                JIDError(
                    .partEmpty(.localpart), part: .localpart, offset: base,
                    message: "The user name before the '@' is empty; leave out the '@' for a domain-only address."))
        }
        let text: MappedText
        do {
            text = try PrecisProfile.usernameCaseMapped.enforceMapped(scalars)
        } catch {
            let jidError = JIDError.precis(error, part: .localpart, base: base, input: scalars)
            return .failure(jidError.with(suggestion: suggestedLocalpart(scalars, for: error)))
        }
        if let index = text.scalars.firstIndex(where: Self.isExcludedFromLocalpart) {
            let scalar = Unicode.Scalar(decoded: text.scalars[index])
            let original = Unicode.Scalar(decoded: scalars[Int(text.origins[index])])
            let written = original == scalar ? "" : " (written as \(original.quoted))"
            return .failure(
                JIDError(
                    .localpartExcludedCharacter, part: .localpart, offset: base + Int(text.origins[index]),
                    codePoint: original,
                    message: "\(scalar.quoted)\(written) is not allowed in the user name (RFC 7622 §3.3.1 excludes "
                        + "\" & ' / : < > @); XEP-0106 escaping writes it as \\"
                        + (JIDEscaping.table.first { UInt32($0.scalar) == scalar.value }?.hex ?? "") + ".",
                    suggestion: suggestedLocalpart(scalars, for: nil)))
        }
        return Self.checkedLength(UnicodeText.string(text.scalars), .localpart, base: base)
    }

    /// A localpart that fixes the error: the NFKC form for compatibility characters, the XEP-0106 escaped form
    /// for spaces and excluded characters, or both.
    private func suggestedLocalpart(_ scalars: [UInt32], for error: PrecisError?) -> String? {
        // Candidates are made one at a time, in order, and only until one is valid: most invalid inputs need
        // only the first, and this runs for every invalid address.
        let candidates: [() -> String?]
        let compatibility = { UnicodeText.string(UnicodeText.normalize(scalars[...], .nfkc)) }
        switch error?.reason {
        case .disallowed(.hasCompat), .disallowed(.otherLetterDigits):
            candidates = [compatibility, { try? JIDEscaping.escape(localpart: compatibility()) }]
        case .disallowed(.spaces), nil:
            candidates = [
                { try? JIDEscaping.escape(localpart: UnicodeText.string(scalars)) },
                { try? JIDEscaping.escape(localpart: compatibility()) },
            ]
        default: return nil
        }
        let original = UnicodeText.string(scalars)
        for make in candidates {
            guard let candidate = make(), !candidate.isEmpty, candidate != original else { continue }
            if let enforced = Self.enforcedLocalpartIfValid(UnicodeText.scalars(candidate)) { return enforced }
        }
        return nil
    }

    private static func enforcedLocalpartIfValid(_ scalars: [UInt32]) -> String? {
        guard let text = try? PrecisProfile.usernameCaseMapped.enforceMapped(scalars),
            !text.scalars.contains(where: isExcludedFromLocalpart)
        else { return nil }
        let output = UnicodeText.string(text.scalars)
        return output.utf8.count <= maximumPartOctets ? output : nil
    }

    /// The enforced form of a part whose every code point is stable under the profile (see
    /// `PrecisDerivedProperties.Stability`): the input with ASCII upper case lowered for localparts, unchanged
    /// otherwise. A localpart may also hold upper-case letters whose lower case is stable and as long in UTF-8
    /// (`PrecisDerivedProperties.stableLowercase`); they are written in lower case. Nil when any code point might
    /// change otherwise or be refused: the general path decides.
    static func stableNonASCII(
        _ bytes: UnsafeBufferPointer<UInt8>, _ required: PrecisDerivedProperties.Stability
    ) -> String? {
        guard !bytes.isEmpty, bytes.count <= maximumPartOctets else { return nil }
        let table = PrecisDerivedProperties.shared
        let localpart = required == .identifierLowercase
        var lowersNonASCII = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                guard localpart ? isPlainLocalpartByte(byte) : isPlainResourcepartByte(byte) else { return nil }
                index += 1
                continue
            }
            let (scalar, width) = decodeScalar(bytes, at: index)
            if !table.stability(scalar).isSuperset(of: localpart ? [.identifier, .identifierLowercase] : required) {
                guard localpart, table.stableLowercase(scalar) != nil else { return nil }
                lowersNonASCII = true
            }
            index += width
        }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            guard lowersNonASCII else {
                for position in bytes.indices {
                    let byte = bytes[position]
                    buffer[position] = localpart ? ASCII.lowercased(byte) : byte
                }
                return bytes.count
            }
            var position = 0
            while position < bytes.count {
                let byte = bytes[position]
                if byte < 0x80 {
                    buffer[position] = ASCII.lowercased(byte)
                    position += 1
                    continue
                }
                let (scalar, _) = decodeScalar(bytes, at: position)
                // The lower case has the same UTF-8 length, so it takes the letter's place.
                let output = table.stableLowercase(scalar) ?? scalar
                position += UnicodeText.encode(output, into: buffer.baseAddress! + position)
            }
            return bytes.count
        }
    }

    /// The scalar of the multi-byte sequence at `index` of well-formed UTF-8 (checked before parsing) and its
    /// length in bytes.
    @inline(__always)
    private static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let byte = bytes[index]
        if byte < 0xE0 {
            return (UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2)
        }
        if byte < 0xF0 {
            return (
                UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3
            )
        }
        return (
            UInt32(byte & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F), 4
        )
    }

    /// An enforced localpart or resourcepart, or `*.too-long` if it exceeds 1023 octets (RFC 7622 §3.3, §3.4;
    /// RFC 6122 §2 for the legacy parser, whose reference `rule` names).
    static func checkedLength(_ output: String, _ part: JIDPart, base: Int, rule: String = "RFC 7622 §3")
        -> Result<String, JIDError>
    {
        guard output.utf8.count > maximumPartOctets else { return .success(output) }
        return .failure(
            JIDError(
                .partTooLong(part), part: part, offset: base,
                message: "\(part.userFacingName.capitalizedFirst) is \(output.utf8.count) octets long; the limit is "
                    + "\(maximumPartOctets) (\(rule))."))
    }

    // MARK: Resourcepart

    /// A byte that OpaqueString (and Resourceprep) leaves as it is: printable ASCII, space included.
    @inline(__always)
    static func isPlainResourcepartByte(_ byte: UInt8) -> Bool { byte >= 0x20 && byte <= 0x7E }

    /// The ASCII fast path of a resourcepart: printable ASCII, which OpaqueString leaves as it is. Nil when the
    /// general path must decide.
    static func asciiResourcepart(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard !bytes.isEmpty, bytes.count <= maximumPartOctets, bytes.allSatisfy(isPlainResourcepartByte)
        else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    func enforceResourcepart(_ bytes: UnsafeBufferPointer<UInt8>, in whole: UnsafeBufferPointer<UInt8>, from start: Int)
        -> Result<String, JIDError>
    {
        if let fast = Lanes.resourcepart(bytes) { return .success(fast) }
        let base = Self.scalarCount(whole, upTo: start)
        let scalars = UnicodeText.scalars(bytes) ?? []
        guard !scalars.isEmpty else {
            return .failure(
                JIDError(
                    .partEmpty(.resourcepart), part: .resourcepart, offset: base,
                    message: "The resource after the '/' is empty; leave out the '/' for a bare address."))
        }
        let enforced: [UInt32]
        do {
            enforced = try PrecisProfile.opaqueString.enforce(scalars: scalars)
        } catch {
            var jidError = JIDError.precis(error, part: .resourcepart, base: base, input: scalars)
            if case .disallowed(.hasCompat) = error.reason,
                let fixed = try? PrecisProfile.opaqueString.enforce(
                    scalars: UnicodeText.normalize(scalars[...], .nfkc))
            {
                jidError = jidError.with(suggestion: UnicodeText.string(fixed))
            }
            return .failure(jidError)
        }
        return Self.checkedLength(UnicodeText.string(enforced), .resourcepart, base: base)
    }

    // MARK: Suggestions

    /// The whole address with each failing part replaced by its suggestion, if that makes it valid.
    private func suggestedAddress(
        _ errors: [JIDError], localpart: String?, bytes: UnsafeBufferPointer<UInt8>, at: Int?, slash: Int?
    ) -> String? {
        guard !errors.isEmpty, errors.allSatisfy({ $0.suggestion != nil && $0.part != nil }) else { return nil }
        func original(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        let end = slash ?? bytes.count
        var local = at.map { original(0..<$0) }
        var domain = original((at.map { $0 + 1 } ?? 0)..<end)
        var resource = slash.map { original(($0 + 1)..<bytes.count) }
        for error in errors {
            switch error.part {
            case .localpart?: local = error.suggestion
            case .domainpart?: domain = error.suggestion!
            case .resourcepart?: resource = error.suggestion
            case nil: return nil
            }
        }
        var candidate = local.map { $0 + "@" } ?? ""
        candidate += domain
        if let resource { candidate += "/" + resource }
        return Self.standard.parse(candidate).jid?.description
    }
}

/// The production parser: every shortcut of ``FastLanes``.
package typealias JIDParser = AddressParser<FastLanes>
/// The reference parser: the general path alone.
package typealias ReferenceJIDParser = AddressParser<GeneralPathOnly>
