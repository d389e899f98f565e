/// Writes compact JSON with keys in the order given, `null` for absent values, and strings escaped per
/// RFC 8259 §7. Output accumulates as UTF-8 bytes, so writers can be appended to files without conversion.
public struct JSONWriter: Sendable {
    private var output = OutputBytes()

    /// The JSON written so far, as UTF-8.
    public var bytes: [UInt8] { output.array }
    private var needsComma: UInt64 = 0  // one bit per nesting level
    private var depth = 0

    public init() {}

    /// Reserves room for `count` bytes.
    public mutating func reserve(_ count: Int) { output.reserve(count) }

    /// Writes JSON with `body` straight into `memory` (free space of the caller's, such as a network buffer's)
    /// instead of storage of the writer's own, which would have to be copied there. Returns how many bytes
    /// `body` wrote into `memory`; when they did not fit, nothing counts as written there and `overflow` is the
    /// writer, holding all of them in storage of its own. Once the writer is copied, neither the copy nor the
    /// writer writes into `memory` again (each moves to storage of its own at its next write), but `body` must
    /// not keep a copy: reading one that never wrote would read `memory` after this returns.
    package static func write(
        into memory: UnsafeMutableRawBufferPointer, _ body: (inout JSONWriter) -> Void
    ) -> (written: Int, overflow: JSONWriter?) {
        var writer = JSONWriter()
        writer.output = OutputBytes(borrowing: memory)
        body(&writer)
        guard let count = writer.output.countIfIn(memory) else { return (0, writer) }
        return (count, nil)
    }

    /// Calls `body` with the JSON written so far, without copying it.
    public func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try output.withUnsafeBytes(body)
    }

    /// The JSON written so far, as text.
    public var text: String { output.string }

    /// Empties the writer, keeping its storage.
    public mutating func removeAll() {
        output.removeAll()
        needsComma = 0
        depth = 0
    }

    /// Ends a top-level value with a newline, so the next one starts a new JSON Lines record.
    public mutating func endRecord() {
        output.append(0x0A)
        needsComma &= ~1
    }

    /// Writes `,"name":` (what applies of it) and makes room for `value` more bytes after it: one capacity check
    /// for a member, since records have dozens of them.
    @inline(__always)
    private mutating func key(_ name: StaticString?, value: Int) {
        let bit: UInt64 = 1 << UInt64(depth)
        let comma = needsComma & bit != 0
        needsComma |= bit
        output.reserve((name.map { $0.utf8CodeUnitCount + 3 } ?? 0) + 1 + value)
        if comma { output.put(UInt8(ascii: ",")) }
        guard let name else { return }
        output.put(UInt8(ascii: "\""))
        output.put(name)
        output.put("\":" as StaticString)
    }

    /// Writes an opening bracket into room reserved by the caller.
    private mutating func open(_ byte: UInt8) {
        output.put(byte)
        depth += 1
        needsComma &= ~(1 << UInt64(depth))
    }

    private mutating func close(_ byte: UInt8) {
        depth -= 1
        output.append(byte)
    }

    /// Writes a string member whose key is only known at run time (log metadata, say).
    public mutating func rawKey(_ name: String, _ value: String) {
        dynamicKey(name)
        appendQuoted(value)
    }

    /// Writes a member whose key is only known at run time, with already-serialized JSON as its value.
    public mutating func rawKey(_ name: String, json value: String) {
        dynamicKey(name)
        output.append(string: value)
    }

    private mutating func dynamicKey(_ name: String) {
        let bit: UInt64 = 1 << UInt64(depth)
        if needsComma & bit != 0 { output.append(UInt8(ascii: ",")) }
        needsComma |= bit
        appendQuoted(name)
        output.append(UInt8(ascii: ":"))
    }

    /// Opens an object, as the value of `name` when inside an object.
    public mutating func beginObject(_ name: StaticString? = nil) {
        key(name, value: 1)
        open(UInt8(ascii: "{"))
    }

    public mutating func endObject() { close(UInt8(ascii: "}")) }

    /// Opens an array, as the value of `name` when inside an object.
    public mutating func beginArray(_ name: StaticString? = nil) {
        key(name, value: 1)
        open(UInt8(ascii: "["))
    }

    public mutating func endArray() { close(UInt8(ascii: "]")) }

    public mutating func string(_ name: StaticString?, _ value: String?) {
        guard let value else { return null(name) }
        key(name, value: 0)
        appendQuoted(value)
    }

    public mutating func integer(_ name: StaticString?, _ value: Int?) {
        guard let value else { return null(name) }
        key(name, value: 20)
        // At most 19 digits and a sign, written from the last digit back, two at a time, without making a String.
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let pairs = Self.digitPairs.utf8Start
        withUnsafeMutableBytes(of: &digits) { buffer in
            var index = buffer.count
            while magnitude >= 100 {
                let pair = Int(magnitude % 100) &* 2
                magnitude /= 100
                index -= 2
                buffer[index] = pairs[pair]
                buffer[index + 1] = pairs[pair + 1]
            }
            if magnitude >= 10 {
                let pair = Int(magnitude) &* 2
                index -= 2
                buffer[index] = pairs[pair]
                buffer[index + 1] = pairs[pair + 1]
            } else {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(magnitude)
            }
            if value < 0 {
                index -= 1
                buffer[index] = UInt8(ascii: "-")
            }
            let start = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + index
            output.put(UnsafeBufferPointer(start: start, count: buffer.count - index))
        }
    }

    /// "00" to "99", for ``integer(_:_:)``: one division per two digits (a line number is written per record).
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    public mutating func bool(_ name: StaticString?, _ value: Bool) {
        key(name, value: 5)
        output.put(value ? "true" : "false" as StaticString)
    }

    /// Inserts already-serialized JSON as a value.
    public mutating func raw(_ name: StaticString?, _ json: [UInt8]) {
        key(name, value: json.count)
        json.withUnsafeBufferPointer { output.put($0) }
    }

    /// Writes members already serialized, each after its comma, into the open object, which has a member already.
    package mutating func members(_ json: StaticString) {
        assert(needsComma & (1 << UInt64(depth)) != 0, "members follow a member")
        output.append(json)
    }

    /// A member (or element) whose value is null.
    private mutating func null(_ name: StaticString?) {
        key(name, value: 4)
        output.put("null" as StaticString)
    }

    /// Writes a JID's canonical form (`local@domain/resource`) as a JSON string, without building it first.
    public mutating func jid(_ name: StaticString?, _ jid: JID?, bare: Bool = false) {
        address(name, jid, bare: bare)
    }

    /// Writes an address's canonical form (`local@domain/resource`, or the bare form) as a JSON string.
    package mutating func address<Parts: AddressParts>(_ name: StaticString?, _ address: Parts?, bare: Bool) {
        guard let address else { return null(name) }
        let localpart = address.localpartText
        let resourcepart = bare ? nil : address.resourcepartText
        let length =
            (localpart?.utf8Count ?? 0) + address.domainpartText.utf8Count + (resourcepart?.utf8Count ?? 0)
        key(name, value: length * Self.maximumEscapedLength + 4)
        output.put(UInt8(ascii: "\""))
        if let localpart {
            localpart.withUTF8Buffer { write($0, verbatim: Parts.Text.isVerbatim) }
            output.put(UInt8(ascii: "@"))
        }
        address.domainpartText.withUTF8Buffer { write($0, verbatim: Parts.Text.isVerbatim) }
        if let resourcepart {
            output.put(UInt8(ascii: "/"))
            resourcepart.withUTF8Buffer { write($0, verbatim: Parts.Text.isVerbatim) }
        }
        output.put(UInt8(ascii: "\""))
    }

    /// Writes text as a JSON string, or null.
    package mutating func text<Text: UTF8Text>(_ name: StaticString?, _ value: Text?) {
        guard let value else { return null(name) }
        key(name, value: value.utf8Count * Self.maximumEscapedLength + 2)
        value.withUTF8Buffer { writeQuoted($0, verbatim: Text.isVerbatim) }
    }

    /// Whether `utf8` needs no escaping in a JSON string: no quote, backslash or control character.
    package static func needsNoEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return true }
        var index = 0
        var found: UInt64 = 0
        while index + 8 <= utf8.count {
            found |= ByteWord.needsJSONEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            index += 8
        }
        while index < utf8.count {
            let byte = base[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
            index += 1
        }
        return found == 0
    }

    /// Writes a string member whose key is only known at run time, from UTF-8 bytes (ill-formed sequences become
    /// U+FFFD, so the output stays JSON).
    package mutating func text(key name: String, utf8 value: UnsafeBufferPointer<UInt8>) {
        dynamicKey(name)
        if value.allSatisfy({ $0 < 0x80 }) || String(validating: value, as: UTF8.self) != nil {
            appendQuoted(value)
        } else {
            appendQuoted(String(decoding: value, as: UTF8.self))
        }
    }

    /// Appends `value` as a JSON string literal; non-ASCII characters are written as themselves (UTF-8).
    private mutating func appendQuoted(_ value: String) {
        let done = value.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            appendQuoted(utf8)
            return true
        }
        if done == nil { Array(value.utf8).withUnsafeBufferPointer { appendQuoted($0) } }
    }

    /// Appends `utf8` as a JSON string literal, copied as it is when `verbatim` (it needs no escaping).
    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, verbatim: Bool = false) {
        output.reserve(utf8.count * Self.maximumEscapedLength + 2)
        writeQuoted(utf8, verbatim: verbatim)
    }

    /// Writes `utf8` as a JSON string literal into room reserved by the caller.
    @inline(__always)
    private mutating func writeQuoted(_ utf8: UnsafeBufferPointer<UInt8>, verbatim: Bool) {
        output.put(UInt8(ascii: "\""))
        write(utf8, verbatim: verbatim)
        output.put(UInt8(ascii: "\""))
    }

    /// Writes `utf8` into room reserved by the caller: as it is when `verbatim`, else escaped.
    @inline(__always)
    private mutating func write(_ utf8: UnsafeBufferPointer<UInt8>, verbatim: Bool) {
        if verbatim { output.put(utf8) } else { writeEscaped(utf8) }
    }

    /// The most bytes one input byte becomes: `\u00XX`.
    private static let maximumEscapedLength = 6

    /// Writes `utf8` escaped into room reserved by the caller (``maximumEscapedLength`` per byte): eight bytes at
    /// a time while none needs escaping (most text), each byte of a word that holds one on its own.
    private mutating func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        let count = utf8.count
        var index = 0
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            if ByteWord.needsJSONEscape(word) == 0 {
                output.put(word: word)
            } else {
                for offset in 0..<8 { writeEscaped(byte: base[index + offset]) }
            }
            index += 8
        }
        while index < count {
            writeEscaped(byte: base[index])
            index += 1
        }
    }

    @inline(__always)
    private mutating func writeEscaped(byte: UInt8) {
        guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { return output.put(byte) }
        switch byte {
        case 0x22: output.put("\\\"" as StaticString)
        case 0x5C: output.put("\\\\" as StaticString)
        case 0x0A: output.put("\\n" as StaticString)
        case 0x0D: output.put("\\r" as StaticString)
        case 0x09: output.put("\\t" as StaticString)
        default:
            output.put("\\u00" as StaticString)
            output.put(Self.hexDigit(byte >> 4))
            output.put(Self.hexDigit(byte & 0xF))
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

/// The writer's bytes: like `[UInt8]` (one allocation, copied on write), but an append is a capacity check and a
/// copy, without the generic machinery of `Array.append(contentsOf:)` or exclusivity checks on a class's
/// properties; a record is dozens of short appends. The count and the address of the bytes are kept here, so an
/// append does not touch the storage object except to check that it is this writer's own.
private struct OutputBytes: @unchecked Sendable {
    private var storage: ManagedBuffer<Void, UInt8>?
    private var base: UnsafeMutablePointer<UInt8>?
    private var count = 0
    private var capacity = 0
    /// Whether `base` is memory of the caller's (`storage` is then the token of that memory).
    private var borrowing = false
    /// The token of memory this writer wrote into before it moved to storage of its own, kept so that a copy
    /// still holding the token never finds itself its only holder.
    private var retired: AnyObject?

    private var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    init() {}

    /// Bytes written into memory of the caller's until it is full. `storage` is then an empty object, a token,
    /// this writer alone holds: a copy of the writer shares it, so the next append of either moves to storage of
    /// its own, as after any copy, and a full `memory` moves the bytes the same way. The one that moves keeps the
    /// token, so the other, at its next append, moves as well: once copied, neither writes into `memory` again.
    init(borrowing memory: UnsafeMutableRawBufferPointer) {
        storage = ManagedBuffer<Void, UInt8>.create(minimumCapacity: 0) { _ in () }
        base = memory.baseAddress.map { $0.bindMemory(to: UInt8.self, capacity: memory.count) }
        capacity = base == nil ? 0 : memory.count
        borrowing = true
    }

    /// How many bytes were written, when they are still in `memory`.
    func countIfIn(_ memory: UnsafeMutableRawBufferPointer) -> Int? {
        guard let base, UnsafeMutableRawPointer(base) == memory.baseAddress else { return count == 0 ? 0 : nil }
        return count
    }

    var array: [UInt8] { withExtendedLifetime(storage) { Array(buffer) } }

    var string: String { withExtendedLifetime(storage) { String(decoding: buffer, as: UTF8.self) } }

    func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) { try body(buffer) }
    }

    /// Makes room for `extra` more bytes in storage of this writer's own.
    @inline(__always)
    private mutating func ensure(_ extra: Int) {
        if _slowPath(count + extra > capacity || !isKnownUniquelyReferenced(&storage)) { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        let capacity = max(needed, self.capacity * 2, 64)
        let new = ManagedBuffer<Void, UInt8>.create(minimumCapacity: capacity) { _ in () }
        let newBase = new.withUnsafeMutablePointerToElements { $0 }
        if let base, count > 0 { newBase.update(from: base, count: count) }
        if borrowing {
            retired = storage
            borrowing = false
        }
        storage = new
        base = newBase
        self.capacity = capacity
    }

    /// Makes room for `extra` more bytes, for the `put` methods that follow.
    mutating func reserve(_ extra: Int) { ensure(extra) }

    mutating func removeAll() {
        if !isKnownUniquelyReferenced(&storage) {
            let token = borrowing ? storage : retired
            self = OutputBytes()
            retired = token
        }
        count = 0
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        ensure(1)
        put(byte)
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        ensure(bytes.count)
        put(bytes)
    }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(string: String) {
        var string = string
        string.withUTF8 { append($0) }
    }

    // Writes into room made by `reserve`.

    @inline(__always)
    mutating func put(_ byte: UInt8) {
        assert(count < capacity)
        base![count] = byte
        count += 1
    }

    /// Copies `bytes`: up to 16 of them (a key, most names) with two loads and two stores that may overlap,
    /// more with `memmove`, whose call costs more than the copy of a short string.
    @inline(__always)
    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        let length = bytes.count
        assert(count + length <= capacity)
        let target = UnsafeMutableRawPointer(base! + count)
        let from = UnsafeRawPointer(source)
        if length >= 8 && length <= 16 {
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = (from + (length &- 8)).loadUnaligned(as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            (target + (length &- 8)).storeBytes(of: tail, as: UInt64.self)
        } else if length >= 4 && length < 8 {
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = (from + (length &- 4)).loadUnaligned(as: UInt32.self)
            target.storeBytes(of: head, as: UInt32.self)
            (target + (length &- 4)).storeBytes(of: tail, as: UInt32.self)
        } else if length < 4 {
            for index in 0..<length { target.storeBytes(of: source[index], toByteOffset: index, as: UInt8.self) }
        } else {
            target.copyMemory(from: from, byteCount: length)
        }
        count &+= length
    }

    /// Writes eight bytes, the first in the word's low byte.
    @inline(__always)
    mutating func put(word: UInt64) {
        assert(count + 8 <= capacity)
        UnsafeMutableRawPointer(base! + count).storeBytes(of: word.littleEndian, as: UInt64.self)
        count += 8
    }

    @inline(__always)
    mutating func put(_ text: StaticString) {
        put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
