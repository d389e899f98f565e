extension JIDResult {
    /// The JID result object (`JIDResult` in openapi.yaml) as one line of JSON.
    public var json: String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.text
    }

    /// Writes the JID result object, as the value of `key` when inside an object.
    public func write(to writer: inout JSONWriter, key: StaticString? = nil) {
        Self.write(
            input: input, address: jid, errors: errors, warnings: warnings,
            suggestion: suggestion, to: &writer, key: key)
    }

    /// Writes the JID result object with each error's message for people (`userMessage`, and its suggestion as
    /// `userSuggestion`), as `GET /v1/jid/parse?lang=` answers.
    public func write(to writer: inout JSONWriter, userMessage: @escaping (JIDError) -> String) {
        Self.write(
            input: input, address: jid, errors: errors, warnings: warnings,
            suggestion: suggestion, to: &writer, userMessage: userMessage)
    }

    /// Writes the JID result object of a valid address straight from its bytes, without building the result, when
    /// a whole-address lane takes it: ``PlainLine`` (printable ASCII, LDH domain) or ``StableLine`` (any script,
    /// every part stable under its profile, the domain LDH or in the thread's memo). The canonical localpart and
    /// domain forms go into `scratch`. False, and nothing written, when neither takes the address (`parse` then
    /// decides). `needsNoEscaping` says the caller has already found that `bytes` need no escaping in JSON
    /// (`JSONWriter.needsNoEscaping`).
    package static func writeFromBytes(
        _ bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8], to writer: inout JSONWriter,
        key: StaticString? = nil, needsNoEscaping: Bool = false
    ) -> Bool {
        if let plain = PlainLine.find(bytes, scratch: &scratch) {
            scratch.withUnsafeBufferPointer { scratch in
                let address = PlainAddress(
                    localpart: plain.localpartLength.map { UnsafeBufferPointer(rebasing: scratch[0..<$0]) },
                    domainpart: UnsafeBufferPointer(rebasing: scratch[plain.domain]),
                    resourcepart: plain.resourcepart.map { UnsafeBufferPointer(rebasing: bytes[$0]) })
                // The parts are the input's bytes or their lower case: when the input needs no escaping, none does.
                write(
                    bytes, address, verbatim: needsNoEscaping || JSONWriter.needsNoEscaping(bytes), to: &writer,
                    key: key)
            }
            return true
        }
        guard let stable = StableLine.find(bytes, scratch: &scratch) else { return false }
        scratch.withUnsafeBufferPointer { scratch in
            let address = PlainAddress(
                localpart: stable.localpartLength.map { UnsafeBufferPointer(rebasing: scratch[0..<$0]) },
                domainpart: UnsafeBufferPointer(rebasing: scratch[stable.domain]),
                domainAscii: UnsafeBufferPointer(rebasing: scratch[stable.domainAscii]),
                resourcepart: stable.resourcepart.map { UnsafeBufferPointer(rebasing: bytes[$0]) })
            // The localpart and resourcepart are the input's bytes, letters lowered (never to a quote, backslash or
            // control character); the domain forms were checked.
            let verbatim = stable.domainNeedsNoEscaping && (needsNoEscaping || JSONWriter.needsNoEscaping(bytes))
            write(bytes, address, verbatim: verbatim, to: &writer, key: key)
        }
        return true
    }

    /// Writes the object of a valid address found in place, copying its texts when `verbatim`.
    private static func write(
        _ input: UnsafeBufferPointer<UInt8>, _ address: PlainAddress, verbatim: Bool, to writer: inout JSONWriter,
        key: StaticString?
    ) {
        if verbatim {
            write(
                input: VerbatimText(bytes: input), address: VerbatimAddress(address), errors: [], warnings: [],
                suggestion: nil, to: &writer, key: key)
        } else {
            write(input: input, address: address, errors: [], warnings: [], suggestion: nil, to: &writer, key: key)
        }
    }

    /// The one writer of the JID result object, for a result (strings) and for the fast lanes (bytes checked in
    /// place). `address` is nil for an invalid input. With `userMessage`, errors carry a message for people.
    package static func write<Parts: AddressParts>(
        input: Parts.Text, address: Parts?, errors: [JIDError], warnings: [JIDError], suggestion: String?,
        to writer: inout JSONWriter, key: StaticString? = nil, userMessage: ((JIDError) -> String)? = nil
    ) {
        writer.beginObject(key)
        writer.text("input", input)
        writer.bool("valid", address != nil)
        writer.address("jid", address, bare: false)
        writer.address("bare", address, bare: true)
        if let address {
            writer.text("localpart", address.localpartText)
            writer.text("domainpart", address.domainpartText)
            writer.text("domainAscii", address.domainAsciiText)
            writer.text("resourcepart", address.resourcepartText)
        } else {
            for key: StaticString in ["localpart", "domainpart", "domainAscii", "resourcepart"] {
                writer.text(key, Parts.Text?.none)
            }
        }
        if errors.isEmpty && warnings.isEmpty && suggestion == nil {
            // What the members below write for a result without findings (most of them), in one copy.
            writer.members(#","errors":[],"warnings":[],"suggestion":null"#)
            writer.endObject()
            return
        }
        writer.beginArray("errors")
        for error in errors {
            if let userMessage {
                error.write(to: &writer, userMessage: userMessage(error), userSuggestion: error.suggestion)
            } else {
                error.write(to: &writer)
            }
        }
        writer.endArray()
        writer.beginArray("warnings")
        for warning in warnings { warning.write(to: &writer) }
        writer.endArray()
        writer.string("suggestion", suggestion)
        writer.endObject()
    }
}

extension JIDError {
    /// Writes the error object (`JIDError` in openapi.yaml).
    public func write(to writer: inout JSONWriter, key: StaticString? = nil) {
        writer.beginObject(key)
        writeFields(to: &writer)
        writer.endObject()
    }

    /// Writes the error object with the message for people (`SignupError` in openapi.yaml).
    public func write(to writer: inout JSONWriter, userMessage: String, userSuggestion: String?) {
        writer.beginObject()
        writeFields(to: &writer)
        writer.string("userMessage", userMessage)
        writer.string("userSuggestion", userSuggestion)
        writer.endObject()
    }

    private func writeFields(to writer: inout JSONWriter) {
        writer.string("code", code.rawValue)
        writer.string("part", part?.rawValue)
        writer.integer("offset", offset)
        writer.string("codePoint", codePoint?.codePointNotation)
        writer.string("name", codePointName)
        writer.string("category", category)
        writer.string("message", message)
        writer.string("suggestion", suggestion)
    }
}
