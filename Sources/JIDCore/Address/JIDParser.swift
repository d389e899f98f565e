import CUnicode

/// Splits an input into parts (RFC 7622 §3.1) and enforces each: localpart with UsernameCaseMapped (§3.3),
/// domainpart per §3.2, resourcepart with OpaqueString (§3.4).
///
/// Each part may take a shortcut of `Lanes` (``FastLanes`` in production) that returns exactly what the general
/// path would; anything a shortcut is not sure of goes to the general path, which alone produces errors.
package struct AddressParser<Lanes: ParserLanes>: Sendable {
    static var maximumInputOctets: Int { JID.maximumInputOctets }
    static var maximumPartOctets: Int { JID.maximumPartOctets }

    /// Whether errors get suggestions (the corrected address, the escaped user name): not when only validity is
    /// wanted (``isValid(utf8:)``), since building a suggestion enforces the address again.
    var suggests = true

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
        // ASCII (most lines) needs no validation; `String(validating:as:)` is generic over the encoding and looks its
        // metadata up at each call, so other input is validated here; the offending offset is looked for only on
        // failure.
        if Self.isASCII(buffer) { return parse(bytes: buffer, input: String(decoding: buffer, as: UTF8.self)) }
        guard UnicodeText.isValidUTF8(buffer) else { return Self.illFormedResult(buffer) }
        return parse(bytes: buffer, input: String(decoding: buffer, as: UTF8.self))
    }

    /// Whether the address is valid: what `parse(utf8:).isValid` says, without making the result when the
    /// whole-address lane takes it.
    package func isValid(utf8 buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        if Lanes.takesAddress(buffer) { return true }
        guard Self.isASCII(buffer) || UnicodeText.isValidUTF8(buffer) else { return false }
        if !buffer.isEmpty && buffer.count <= Self.maximumInputOctets {
            // What `parse` does before `enforce`, and then what `enforce` does when every part takes its shortcut.
            let (at, slash) = Self.delimiters(buffer)
            if Self.streamSafeViolation(buffer, at: at, slash: slash) == nil
                && Lanes.takesParts(buffer, at: at, slash: slash)
            {
                return true
            }
        }
        // The input string is only kept in the result, and suggestions only follow errors: validity needs neither.
        var parser = self
        parser.suggests = false
        return parser.parse(bytes: buffer, input: "").isValid
    }

    /// Whether every byte is below 0x80, eight at a time.
    static func isASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        var bits: UInt64 = 0
        while index + 8 <= buffer.count {
            bits |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < buffer.count {
            bits |= UInt64(buffer[index])
            index += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
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

    /// Whether decoded text (a U-label from an A-label) has no run of more than ``maximumNonStarterRun``
    /// non-starters: the rule the input itself meets, applied to what an A-label stands for, so that a valid
    /// address's canonical form parses again.
    static func isStreamSafe(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { streamSafeViolation($0, at: nil, slash: nil) == nil }
    }

    /// Why an A-label that decodes to a run longer than ``maximumNonStarterRun`` is refused.
    static var notStreamSafeALabelReason: String {
        "it decodes to a run of more than \(maximumNonStarterRun) combining marks in a row, which the same name "
            + "written out is refused for (Unicode Stream-Safe Text Format, UAX #15 §13)"
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

    /// Parses an address given as separate parts, as when it comes from a URI whose parts were percent-decoded or
    /// from a signup form's user name and domain: a part may then contain "@" or "/" that must not split it again
    /// (each is then enforced as that part: an error of the localpart or domainpart, a valid resourcepart).
    /// Offsets count from the start of the address the parts make, `localpart@domainpart/resourcepart`.
    func parse(localpart: String?, domainpart: String, resourcepart: String?) -> JIDResult {
        var text = ""
        if let localpart { text += localpart + "@" }
        let at = localpart.map { $0.utf8.count }
        text += domainpart
        let slash = resourcepart.map { _ in text.utf8.count }
        if let resourcepart { text += "/" + resourcepart }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            // parse(bytes:) refuses an over-long input before it splits anything.
            if buffer.count > Self.maximumInputOctets { return parse(bytes: buffer, input: text) }
            if let error = Self.streamSafeViolation(buffer, at: at, slash: slash) {
                return JIDResult(input: text, jid: nil, errors: [error], warnings: [], suggestion: nil)
            }
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
                suggestion: suggests
                    ? suggestedAddress(errors, localpart: localpart, bytes: bytes, at: at, slash: slash) : nil)
        }
        let jid = JID(
            localpart: localpart, domainpart: domainpart.unicode, domainAscii: domainpart.ascii,
            resourcepart: resourcepart)
        return JIDResult(input: input, jid: jid, errors: [], warnings: warnings, suggestion: nil)
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
}

/// The production parser: every shortcut of ``FastLanes``.
package typealias JIDParser = AddressParser<FastLanes>
/// The reference parser: the general path alone.
package typealias ReferenceJIDParser = AddressParser<GeneralPathOnly>
