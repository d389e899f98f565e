/// The derived property table as a resource generated from ICU (`Resources/precis-derived-properties.bin`), so a
/// process loads it instead of deriving 1,114,112 code points at start. The resource names the ICU it was derived
/// from; with any other ICU the table is derived as before.
///
/// Format: `PRECIS-TABLE 1\n`, the ICU and Unicode versions (`72.1/15.0\n`), then runs of equal entries (a LEB128
/// run length, the table byte, the stability byte) covering every code point, then the stable lower-case pairs (a
/// LEB128 count, then LEB128 code point and lower case for each).
extension PrecisDerivedProperties {
    static let resourceMagic = Array("PRECIS-TABLE 1\n".utf8)

    /// The ICU this process uses, as the resource names it.
    static var resourceVersion: [UInt8] {
        let versions = UnicodeVersions.current
        return Array("\(versions.icu)/\(versions.unicode)\n".utf8)
    }

    /// The table written as the resource.
    func serialized() -> [UInt8] {
        var output = Self.resourceMagic + Self.resourceVersion
        func leb128(_ value: Int) {
            var value = UInt64(value)
            repeat {
                let byte = UInt8(value & 0x7F)
                value >>= 7
                output.append(value == 0 ? byte : byte | 0x80)
            } while value != 0
        }
        var start = 0
        while start < CodePointTable.count {
            var end = start + 1
            while end < CodePointTable.count && table[end] == table[start] && stability[end] == stability[start] {
                end += 1
            }
            leb128(end - start)
            output.append(table[start])
            output.append(stability[start])
            start = end
        }
        let pairs = stableLowercase.sorted { $0.key < $1.key }
        leb128(pairs.count)
        for (codePoint, lower) in pairs {
            leb128(Int(codePoint))
            leb128(Int(lower))
        }
        return output
    }

    /// The table read from `bytes`; nil when they are not a complete table for this process's ICU.
    init?(serialized bytes: [UInt8]) {
        let header = Self.resourceMagic + Self.resourceVersion
        guard bytes.count > header.count, bytes.starts(with: header) else { return nil }
        var position = header.count
        func leb128() -> Int? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while position < bytes.count, shift < 35 {
                let byte = bytes[position]
                position += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return Int(value) }
                shift += 7
            }
            return nil
        }
        let count = CodePointTable.count
        var table = CodePointTable()
        var stability = CodePointTable()
        var filled = 0
        while filled < count {
            guard let run = leb128(), run > 0, run <= count - filled, position + 2 <= bytes.count else { return nil }
            let (entry, flags) = (bytes[position], bytes[position + 1])
            position += 2
            guard PrecisProperty(rawValue: entry & 0x7) != nil, PrecisCategory(rawValue: entry >> 3) != nil else {
                return nil
            }
            table.append(entry, count: run)
            stability.append(flags, count: run)
            filled += run
        }
        guard let pairs = leb128(), pairs <= count else { return nil }
        var lowercase: [UInt32: UInt32] = [:]
        lowercase.reserveCapacity(pairs)
        for _ in 0..<pairs {
            guard let codePoint = leb128(), let lower = leb128(), codePoint < count, lower < count else { return nil }
            lowercase[UInt32(codePoint)] = UInt32(lower)
        }
        guard position == bytes.count else { return nil }
        self.init(table: table, stability: stability, stableLowercase: lowercase)
    }
}
