extension XMPPURI {
    /// Parses an IRI/URI and writes `{"input", "jid", "authority", "query", "action", "parameters", "fragment",
    /// "error"}`: the same keys whether or not the text is an xmpp URI (then `error` has its code and message and
    /// the rest are null). `jid` is null for an authority without a path (`xmpp://guest@example.com`).
    ///
    /// - Returns: the parsed URI, or nil if the text is not one.
    @discardableResult
    public static func writeParse(_ input: String, to writer: inout JSONWriter) -> Parsed? {
        writer.beginObject()
        writer.string("input", input)
        var parsed: Parsed?
        do throws(Failure) {
            let value = try parse(input)
            parsed = value
            if let jid = value.jid { jid.write(to: &writer, key: "jid") } else { writer.string("jid", nil) }
            if let authority = value.authority {
                authority.write(to: &writer, key: "authority")
            } else {
                writer.string("authority", nil)
            }
            writer.string("query", value.query)
            writer.string("action", value.action?.action)
            if let action = value.action {
                writer.beginArray("parameters")
                for parameter in action.parameters {
                    writer.beginObject()
                    writer.string("key", parameter.key)
                    writer.string("value", parameter.value)
                    writer.endObject()
                }
                writer.endArray()
            } else {
                writer.string("parameters", nil)
            }
            writer.string("fragment", value.fragment)
            writer.string("error", nil)
        } catch {
            for key: StaticString in ["jid", "authority", "query", "action", "parameters", "fragment"] {
                writer.string(key, nil)
            }
            writer.beginObject("error")
            writer.string("code", error.code)
            writer.string("message", error.message)
            writer.endObject()
        }
        writer.endObject()
        return parsed
    }

    /// Writes `{"jid": <JID result>, "iri", "uri", "asciiUri"}` for an address (the forms are null if it is
    /// invalid), with the query and fragment given.
    public static func writeForms(
        for result: JIDResult, query: Query? = nil, fragment: String? = nil, to writer: inout JSONWriter
    ) {
        let forms = result.jid.map { Self.forms(for: $0, query: query, fragment: fragment) }
        writer.beginObject()
        result.write(to: &writer, key: "jid")
        writer.string("iri", forms?.iri)
        writer.string("uri", forms?.uri)
        writer.string("asciiUri", forms?.asciiURI)
        writer.endObject()
    }
}
