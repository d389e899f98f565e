extension MigrationRecord {
    /// Writes the migration record (`MigrationRecord` in openapi.yaml) as one JSON object.
    public func write(to writer: inout JSONWriter) { write(to: &writer, kept: .none) }

    func write(to writer: inout JSONWriter, kept: KeptColumns) {
        Self.write(
            line: line, input: input, mode: mode, legacy: legacy.jid, legacyErrors: legacy.errors,
            modern: modern.jid, modernErrors: modern.errors, warnings: modern.warnings,
            suggestion: modern.suggestion, status: status, reasons: reasons, kept: kept, to: &writer)
    }

    /// The one writer of the compact record of an unchanged line: `line`, `input`, `status`, `jid` (its canonical
    /// form under both RFCs) and the kept `columns`.
    package static func writeCompact<Parts: AddressParts>(
        line: Int, input: Parts.Text, jid: Parts, kept: KeptColumns, to writer: inout JSONWriter
    ) {
        writer.beginObject()
        writer.integer("line", line)
        writer.text("input", input)
        writer.string("status", MigrationStatus.unchanged.rawValue)
        writer.address("jid", jid, bare: false)
        writeColumns(kept, to: &writer)
        writer.endObject()
    }

    /// The kept columns as the `columns` object (nothing when no column is kept).
    private static func writeColumns(_ kept: KeptColumns, to writer: inout JSONWriter) {
        guard !kept.isEmpty else { return }
        writer.beginObject("columns")
        for index in kept.names.indices { writer.text(key: kept.names[index], utf8: kept.value(index)) }
        writer.endObject()
    }

    /// The one writer of the JSON migration record, for records (strings) and for the migration fast lane (bytes
    /// checked in place).
    package static func write<Parts: AddressParts>(
        line: Int, input: Parts.Text, mode: StringprepMode, legacy: Parts?, legacyErrors: [JIDError],
        modern: Parts?, modernErrors: [JIDError], warnings: [JIDError], suggestion: String?,
        status: MigrationStatus, reasons: [MigrationReason], kept: KeptColumns, to writer: inout JSONWriter
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
        writeColumns(kept, to: &writer)
        writer.endObject()
    }

    /// The header of the CSV output.
    public static let csvHeader = "line,input,status,rfc6122_valid,rfc6122_jid,rfc7622_valid,rfc7622_jid,reasons\r\n"

    /// The header of the CSV output with kept columns after the record's own.
    public static func csvHeader(keep: [String]) -> [UInt8] {
        var output = Array(csvHeader.utf8.dropLast(2))
        var row = CSVRow()
        row.skip()
        for name in keep { row.field(name, to: &output) }
        return output + [0x0D, 0x0A]
    }

    /// Appends the record as one CSV row (RFC 4180: CRLF line ends, fields quoted when needed).
    public func appendCSV(to output: inout [UInt8]) { appendCSV(to: &output, kept: .none) }

    func appendCSV(to output: inout [UInt8], kept: KeptColumns) {
        Self.appendCSV(
            line: line, input: input, status: status, legacy: legacy.jid,
            modern: modern.jid, reasons: reasons, kept: kept, to: &output)
    }

    /// The one writer of the CSV migration row.
    package static func appendCSV<Parts: AddressParts>(
        line: Int, input: Parts.Text, status: MigrationStatus, legacy: Parts?, modern: Parts?,
        reasons: [MigrationReason], kept: KeptColumns, to output: inout [UInt8]
    ) {
        var row = CSVRow()
        row.number(line, to: &output)
        row.field(input, to: &output)
        row.field(status.rawValue, to: &output)
        row.field(legacy == nil ? "false" : "true", to: &output)
        row.field(address: legacy, to: &output)
        row.field(modern == nil ? "false" : "true", to: &output)
        row.field(address: modern, to: &output)
        row.field(reasons.isEmpty ? "" : reasons.map(\.code).joined(separator: ";"), to: &output)
        for index in kept.names.indices { row.field(kept.value(index), to: &output) }
        output.append(0x0D)
        output.append(0x0A)
    }
}

/// One RFC 4180 field: quoted when it holds `"`, `,`, CR or LF, quotes doubled.
package enum CSVField {
    package static func append(_ value: [UInt8], to output: inout [UInt8]) {
        value.withUnsafeBufferPointer { append($0, to: &output) }
    }

    package static func append(_ value: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        guard value.contains(where: { $0 == 0x22 || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }) else {
            return output.append(contentsOf: value)
        }
        output.append(0x22)
        for byte in value {
            if byte == 0x22 { output.append(0x22) }
            output.append(byte)
        }
        output.append(0x22)
    }
}

/// One RFC 4180 row: fields separated by commas, quoted when they hold `"`, `,`, CR or LF, ended by CRLF. Fields are
/// appended to the caller's buffer.
private struct CSVRow {
    private var first = true

    /// Continues a row whose earlier fields are already written.
    mutating func skip() { first = false }

    private mutating func separate(_ output: inout [UInt8]) {
        if !first { output.append(UInt8(ascii: ",")) }
        first = false
    }

    mutating func number(_ value: Int, to output: inout [UInt8]) {
        separate(&output)
        output.append(contentsOf: String(value).utf8)
    }

    /// An address's canonical form as one field; nothing for an invalid address.
    mutating func field<Parts: AddressParts>(address: Parts?, to output: inout [UInt8]) {
        separate(&output)
        guard let address else { return }
        let at: StaticString = "@"
        let slash: StaticString = "/"
        let atText = UnsafeBufferPointer(start: at.utf8Start, count: 1)
        let slashText = UnsafeBufferPointer(start: slash.utf8Start, count: 1)
        func parts(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            if let localpart = address.localpartText {
                localpart.withUTF8Buffer(body)
                body(atText)
            }
            address.domainpartText.withUTF8Buffer(body)
            if let resourcepart = address.resourcepartText {
                body(slashText)
                resourcepart.withUTF8Buffer(body)
            }
        }
        Self.write(parts, to: &output)
    }

    mutating func field<Text: UTF8Text>(_ text: Text, to output: inout [UInt8]) {
        separate(&output)
        Self.write({ body in text.withUTF8Buffer(body) }, to: &output)
    }

    private static func write(
        _ pieces: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void, to output: inout [UInt8]
    ) {
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
}
