extension MigrationRecord {
    /// Writes the migration record (`MigrationRecord` in openapi.yaml) as one JSON object.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.integer("line", line)
        writer.string("input", input)
        writer.beginObject("rfc6122")
        writer.bool("valid", legacy.isValid)
        writer.jid("jid", legacy.jid)
        writer.string("mode", mode.rawValue)
        writer.beginArray("errors")
        for error in legacy.errors { error.write(to: &writer) }
        writer.endArray()
        writer.endObject()
        modern.write(to: &writer, key: "rfc7622")
        writer.string("status", status.rawValue)
        writer.beginArray("reasons")
        for reason in reasons {
            writer.beginObject()
            writer.string("code", reason.code)
            writer.string("part", reason.part?.rawValue)
            writer.string("detail", reason.detail)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// The header of the CSV output.
    public static let csvHeader = "line,input,status,rfc6122_valid,rfc6122_jid,rfc7622_valid,rfc7622_jid,reasons\r\n"

    /// Appends the record as one CSV row (RFC 4180: CRLF line ends, fields quoted when needed).
    public func appendCSV(to output: inout [UInt8]) {
        func field(_ text: String?) {
            guard let text else { return }
            let needsQuotes = text.utf8.contains { $0 == 0x22 || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }
            guard needsQuotes else {
                output.append(contentsOf: text.utf8)
                return
            }
            output.append(0x22)
            for byte in text.utf8 {
                if byte == 0x22 { output.append(0x22) }
                output.append(byte)
            }
            output.append(0x22)
        }
        output.append(contentsOf: String(line).utf8)
        output.append(0x2C)
        field(input)
        output.append(0x2C)
        field(status.rawValue)
        output.append(0x2C)
        field(legacy.isValid ? "true" : "false")
        output.append(0x2C)
        field(legacy.jid?.description)
        output.append(0x2C)
        field(modern.isValid ? "true" : "false")
        output.append(0x2C)
        field(modern.jid?.description)
        output.append(0x2C)
        field(reasons.map(\.code).joined(separator: ";"))
        output.append(0x0D)
        output.append(0x0A)
    }
}
