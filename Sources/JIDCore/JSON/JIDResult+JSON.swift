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
            input: input, address: jid.map(AddressText.init), errors: errors, warnings: warnings,
            suggestion: suggestion, to: &writer, key: key)
    }

    /// The one writer of the JID result object, for a result (strings) and for the fast lanes (bytes checked in
    /// place). `address` is nil for an invalid input.
    package static func write<Text: UTF8Text>(
        input: Text, address: AddressText<Text>?, errors: [JIDError], warnings: [JIDError], suggestion: String?,
        to writer: inout JSONWriter, key: StaticString? = nil
    ) {
        writer.beginObject(key)
        writer.text("input", input)
        writer.bool("valid", address != nil)
        writer.address("jid", address, bare: false)
        writer.address("bare", address, bare: true)
        writer.text("localpart", address?.localpart)
        writer.text("domainpart", address?.domainpart)
        writer.text("domainAscii", address?.domainAscii)
        writer.text("resourcepart", address?.resourcepart)
        writer.beginArray("errors")
        for error in errors { error.write(to: &writer) }
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
        writer.string("code", code.rawValue)
        writer.string("part", part?.rawValue)
        writer.integer("offset", offset)
        writer.string("codePoint", codePoint?.codePointNotation)
        writer.string("name", codePointName)
        writer.string("category", category)
        writer.string("message", message)
        writer.string("suggestion", suggestion)
        writer.endObject()
    }
}
