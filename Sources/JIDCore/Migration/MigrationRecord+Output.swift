extension MigrationRecord {
    /// Writes the migration record (`MigrationRecord` in openapi.yaml) as one JSON object.
    public func write(to writer: inout JSONWriter) {
        Self.write(
            line: line, input: input, mode: mode, legacy: legacy.jid.map(AddressText.init), legacyErrors: legacy.errors,
            modern: modern.jid.map(AddressText.init), modernErrors: modern.errors, warnings: modern.warnings,
            suggestion: modern.suggestion, status: status, reasons: reasons, to: &writer)
    }

    /// The one writer of the JSON migration record, for records (strings) and for the migration fast lane (bytes
    /// checked in place).
    package static func write<Text: UTF8Text>(
        line: Int, input: Text, mode: StringprepMode, legacy: AddressText<Text>?, legacyErrors: [JIDError],
        modern: AddressText<Text>?, modernErrors: [JIDError], warnings: [JIDError], suggestion: String?,
        status: MigrationStatus, reasons: [MigrationReason], to writer: inout JSONWriter
    ) {
        writer.beginObject()
        writer.integer("line", line)
        writer.text("input", input)
        writer.beginObject("rfc6122")
        writer.bool("valid", legacy != nil)
        writer.address("jid", legacy, bare: false)
        writer.string("mode", mode.rawValue)
        writer.beginArray("errors")
        for error in legacyErrors { error.write(to: &writer) }
        writer.endArray()
        writer.endObject()
        JIDResult.write(
            input: input, address: modern, errors: modernErrors, warnings: warnings, suggestion: suggestion,
            to: &writer, key: "rfc7622")
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
        Self.appendCSV(
            line: line, input: input, status: status, legacy: legacy.jid.map(AddressText.init),
            modern: modern.jid.map(AddressText.init), reasons: reasons, to: &output)
    }

    /// The one writer of the CSV migration row.
    package static func appendCSV<Text: UTF8Text>(
        line: Int, input: Text, status: MigrationStatus, legacy: AddressText<Text>?, modern: AddressText<Text>?,
        reasons: [MigrationReason], to output: inout [UInt8]
    ) {
        var row = CSVRow(output: output)
        output = []
        row.number(line)
        row.field(input)
        row.field(status.rawValue)
        row.field(legacy == nil ? "false" : "true")
        row.field(address: legacy)
        row.field(modern == nil ? "false" : "true")
        row.field(address: modern)
        row.field(reasons.map(\.code).joined(separator: ";"))
        output = row.end()
    }
}

/// One RFC 4180 row: fields separated by commas, quoted when they hold `"`, `,`, CR or LF, ended by CRLF.
private struct CSVRow {
    private var output: [UInt8]
    private var first = true

    init(output: [UInt8]) { self.output = output }

    private mutating func separate() {
        if !first { output.append(UInt8(ascii: ",")) }
        first = false
    }

    mutating func number(_ value: Int) {
        separate()
        output.append(contentsOf: String(value).utf8)
    }

    /// An address's canonical form as one field; nothing for an invalid address.
    mutating func field<Text: UTF8Text>(address: AddressText<Text>?) {
        guard let address else { return separate() }
        let at: StaticString = "@"
        let slash: StaticString = "/"
        let atText = UnsafeBufferPointer(start: at.utf8Start, count: 1)
        let slashText = UnsafeBufferPointer(start: slash.utf8Start, count: 1)
        separate()
        func parts(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            if let localpart = address.localpart {
                localpart.withUTF8Buffer(body)
                body(atText)
            }
            address.domainpart.withUTF8Buffer(body)
            if let resourcepart = address.resourcepart {
                body(slashText)
                resourcepart.withUTF8Buffer(body)
            }
        }
        write(parts)
    }

    mutating func field<Text: UTF8Text>(_ text: Text) {
        separate()
        write { body in text.withUTF8Buffer(body) }
    }

    private mutating func write(_ pieces: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void) {
        var quoted = false
        pieces { bytes in
            if !quoted { quoted = bytes.contains { $0 == 0x22 || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D } }
        }
        if quoted { output.append(0x22) }
        pieces { bytes in
            guard quoted else { return output.append(contentsOf: bytes) }
            for byte in bytes {
                if byte == 0x22 { output.append(0x22) }
                output.append(byte)
            }
        }
        if quoted { output.append(0x22) }
    }

    consuming func end() -> [UInt8] {
        output.append(0x0D)
        output.append(0x0A)
        return output
    }
}
