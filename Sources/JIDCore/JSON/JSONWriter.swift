/// Writes compact JSON with keys in the order given, `null` for absent values, and strings escaped per
/// RFC 8259 §7. The core's results are flat and small; this keeps output fast and its key order stable.
public struct JSONWriter: Sendable {
    /// The JSON text written so far.
    public private(set) var text = ""
    private var needsComma = [false]

    public init() {}

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { text.append(",") }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func key(_ name: String?) {
        separator()
        if let name {
            JSONWriter.appendQuoted(name, to: &text)
            text.append(":")
        }
    }

    /// Opens an object, as the value of `key` when inside an object.
    public mutating func beginObject(_ name: String? = nil) {
        key(name)
        text.append("{")
        needsComma.append(false)
    }

    public mutating func endObject() {
        needsComma.removeLast()
        text.append("}")
    }

    /// Opens an array, as the value of `key` when inside an object.
    public mutating func beginArray(_ name: String? = nil) {
        key(name)
        text.append("[")
        needsComma.append(false)
    }

    public mutating func endArray() {
        needsComma.removeLast()
        text.append("]")
    }

    public mutating func string(_ name: String?, _ value: String?) {
        key(name)
        if let value { JSONWriter.appendQuoted(value, to: &text) } else { text.append("null") }
    }

    public mutating func integer(_ name: String?, _ value: Int?) {
        key(name)
        text.append(value.map(String.init) ?? "null")
    }

    public mutating func bool(_ name: String?, _ value: Bool) {
        key(name)
        text.append(value ? "true" : "false")
    }

    /// Inserts already-serialized JSON as a value.
    public mutating func raw(_ name: String?, _ json: String) {
        key(name)
        text.append(json)
    }

    /// Appends `value` as a JSON string literal. Non-ASCII characters are written as themselves (UTF-8).
    public static func appendQuoted(_ value: String, to output: inout String) {
        output.append("\"")
        var plainStart = value.utf8.startIndex
        var index = plainStart
        let utf8 = value.utf8
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C {
                output.append(contentsOf: value[plainStart..<index])
                switch byte {
                case 0x22: output.append("\\\"")
                case 0x5C: output.append("\\\\")
                case 0x0A: output.append("\\n")
                case 0x0D: output.append("\\r")
                case 0x09: output.append("\\t")
                default:
                    let hex = String(byte, radix: 16)
                    output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                }
                plainStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        output.append(contentsOf: value[plainStart..<utf8.endIndex])
        output.append("\"")
    }
}
