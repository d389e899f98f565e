extension JIDResult {
    /// The JID result object (`JIDResult` in openapi.yaml) as one line of JSON.
    public var json: String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.text
    }

    /// Writes the JID result object, as the value of `key` when inside an object.
    public func write(to writer: inout JSONWriter, key: StaticString? = nil) {
        writer.beginObject(key)
        writer.string("input", input)
        writer.bool("valid", isValid)
        writer.jid("jid", jid)
        writer.jid("bare", jid, bare: true)
        writer.string("localpart", jid?.localpart)
        writer.string("domainpart", jid?.domainpart)
        writer.string("domainAscii", jid?.domainAscii)
        writer.string("resourcepart", jid?.resourcepart)
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
