/// Writes compact JSON with keys in the order given, `null` for absent values, and strings escaped per
/// RFC 8259 §7. Output accumulates as UTF-8 bytes, so writers can be appended to files without conversion.
public struct JSONWriter: Sendable {
    /// The JSON written so far, as UTF-8.
    public private(set) var bytes: [UInt8] = []
    private var needsComma: UInt64 = 0  // one bit per nesting level
    private var depth = 0

    public init() {}

    /// Reserves room for `count` bytes.
    public mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    /// The JSON written so far, as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Empties the writer, keeping its storage.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = 0
        depth = 0
    }

    /// Ends a top-level value with a newline, so the next one starts a new JSON Lines record.
    public mutating func endRecord() {
        bytes.append(0x0A)
        needsComma &= ~1
    }

    @inline(__always)
    private mutating func key(_ name: StaticString?) {
        let bit: UInt64 = 1 << UInt64(depth)
        let comma = needsComma & bit != 0
        needsComma |= bit
        guard let name else {
            if comma { bytes.append(UInt8(ascii: ",")) }
            return
        }
        // `,"name":` in one append: records have dozens of keys, and single-byte appends each check capacity.
        let length = name.utf8CodeUnitCount
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length + 4) { buffer in
            var index = 0
            if comma {
                buffer[0] = UInt8(ascii: ",")
                index = 1
            }
            buffer[index] = UInt8(ascii: "\"")
            UnsafeMutableBufferPointer(rebasing: buffer[(index + 1)...]).baseAddress!
                .update(from: name.utf8Start, count: length)
            buffer[index + 1 + length] = UInt8(ascii: "\"")
            buffer[index + 2 + length] = UInt8(ascii: ":")
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<(index + 3 + length)]))
        }
    }

    private mutating func open(_ byte: UInt8) {
        bytes.append(byte)
        depth += 1
        needsComma &= ~(1 << UInt64(depth))
    }

    private mutating func close(_ byte: UInt8) {
        depth -= 1
        bytes.append(byte)
    }

    /// Writes a string member whose key is only known at run time (log metadata, say).
    public mutating func rawKey(_ name: String, _ value: String) {
        dynamicKey(name)
        appendQuoted(value)
    }

    /// Writes a member whose key is only known at run time, with already-serialized JSON as its value.
    public mutating func rawKey(_ name: String, json value: String) {
        dynamicKey(name)
        bytes.append(contentsOf: value.utf8)
    }

    private mutating func dynamicKey(_ name: String) {
        let bit: UInt64 = 1 << UInt64(depth)
        if needsComma & bit != 0 { bytes.append(UInt8(ascii: ",")) }
        needsComma |= bit
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Opens an object, as the value of `name` when inside an object.
    public mutating func beginObject(_ name: StaticString? = nil) {
        key(name)
        open(UInt8(ascii: "{"))
    }

    public mutating func endObject() { close(UInt8(ascii: "}")) }

    /// Opens an array, as the value of `name` when inside an object.
    public mutating func beginArray(_ name: StaticString? = nil) {
        key(name)
        open(UInt8(ascii: "["))
    }

    public mutating func endArray() { close(UInt8(ascii: "]")) }

    public mutating func string(_ name: StaticString?, _ value: String?) {
        key(name)
        if let value { appendQuoted(value) } else { appendNull() }
    }

    public mutating func integer(_ name: StaticString?, _ value: Int?) {
        key(name)
        guard let value else { return appendNull() }
        if value >= 0 && value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    public mutating func bool(_ name: StaticString?, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    /// Inserts already-serialized JSON as a value.
    public mutating func raw(_ name: StaticString?, _ json: [UInt8]) {
        key(name)
        bytes.append(contentsOf: json)
    }

    private mutating func appendNull() { bytes.append(contentsOf: "null".utf8) }

    /// Writes a JID's canonical form (`local@domain/resource`) as a JSON string, without building it first.
    public mutating func jid(_ name: StaticString?, _ jid: JID?, bare: Bool = false) {
        address(name, jid, bare: bare)
    }

    /// Writes an address's canonical form (`local@domain/resource`, or the bare form) as a JSON string.
    package mutating func address<Parts: AddressParts>(_ name: StaticString?, _ address: Parts?, bare: Bool) {
        key(name)
        guard let address else { return appendNull() }
        bytes.append(UInt8(ascii: "\""))
        if let localpart = address.localpartText {
            localpart.withUTF8Buffer { appendEscaped($0) }
            bytes.append(UInt8(ascii: "@"))
        }
        address.domainpartText.withUTF8Buffer { appendEscaped($0) }
        if !bare, let resourcepart = address.resourcepartText {
            bytes.append(UInt8(ascii: "/"))
            resourcepart.withUTF8Buffer { appendEscaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes text as a JSON string, or null.
    package mutating func text<Text: UTF8Text>(_ name: StaticString?, _ value: Text?) {
        key(name)
        guard let value else { return appendNull() }
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8Buffer { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `value` as a JSON string literal; non-ASCII characters are written as themselves (UTF-8).
    private mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(value)
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ value: String) {
        let done = value.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            appendEscaped(utf8)
            return true
        }
        if done == nil { Array(value.utf8).withUnsafeBufferPointer { appendEscaped($0) } }
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var plainStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
            switch byte {
            case 0x22: bytes.append(contentsOf: "\\\"".utf8)
            case 0x5C: bytes.append(contentsOf: "\\\\".utf8)
            case 0x0A: bytes.append(contentsOf: "\\n".utf8)
            case 0x0D: bytes.append(contentsOf: "\\r".utf8)
            case 0x09: bytes.append(contentsOf: "\\t".utf8)
            default:
                let hex = "0123456789abcdef".utf8
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(hex[hex.index(hex.startIndex, offsetBy: Int(byte >> 4))])
                bytes.append(hex[hex.index(hex.startIndex, offsetBy: Int(byte & 0xF))])
            }
            plainStart = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<utf8.count]))
    }
}
