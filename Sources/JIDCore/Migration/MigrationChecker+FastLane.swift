/// The fast lane for the common line: plain ASCII that the RFC 7622 ASCII fast paths accept.
///
/// Such a line is also accepted, with the same canonical form, by the RFC 6122 ASCII fast paths: Nodeprep on
/// ASCII lower-cases and allows exactly the bytes the localpart fast path allows, Resourceprep on printable
/// ASCII changes nothing, and both RFCs share the domain fast path. Its record is therefore "unchanged", and is
/// written here straight from the input bytes. `MigrationFastLaneTests` checks the output is byte for byte what
/// the general path writes.
extension MigrationChecker {
    /// Appends the line's record to `result` and returns true, or returns false (appending nothing) when the
    /// general path must handle the line.
    func appendFastRecord(
        line: Int, _ bytes: UnsafeBufferPointer<UInt8>, format: MigrationOutputFormat, fullJIDs: Bool,
        collisions: Bool, into result: inout MigrationBatchResult, scratch: inout [UInt8]
    ) -> Bool {
        let count = bytes.count
        guard count > 0, count <= 3 * JIDParser.maximumPartOctets + 2 else { return false }
        var slash = -1
        var at = -1
        for index in 0..<count {
            let byte = bytes[index]
            if byte >= 0x80 { return false }
            if byte == UInt8(ascii: "/") {
                slash = index
                break
            }
            if byte == UInt8(ascii: "@") && at < 0 { at = index }
        }
        let domainEnd = slash >= 0 ? slash : count
        // Localpart: non-empty, printable ASCII without space or the RFC 7622 §3.3.1 / RFC 3920 A.5 exclusions.
        if at >= 0 {
            guard at > 0, at <= JIDParser.maximumPartOctets else { return false }
            for index in 0..<at {
                let byte = bytes[index]
                guard byte >= 0x21, byte <= 0x7E, !JIDParser.isExcludedFromLocalpart(UInt32(byte)) else { return false }
            }
        }
        // Resourcepart: non-empty printable ASCII.
        if slash >= 0 {
            let length = count - slash - 1
            guard length > 0, length <= JIDParser.maximumPartOctets else { return false }
            for index in (slash + 1)..<count where bytes[index] < 0x20 || bytes[index] > 0x7E { return false }
        }
        // Domainpart: the shared ASCII fast path, into scratch space.
        let domainStart = at + 1
        if scratch.count < count { scratch += [UInt8](repeating: 0, count: count - scratch.count) }
        let domainLength = scratch.withUnsafeMutableBufferPointer { buffer in
            Domainpart.fastASCII(
                UnsafeBufferPointer(rebasing: bytes[domainStart..<domainEnd]), into: buffer.baseAddress!)
        }
        guard let domainLength else { return false }

        let input = UnsafeBufferPointer(rebasing: bytes[0..<count])
        let localpart = at >= 0 ? UnsafeBufferPointer(rebasing: bytes[0..<at]) : nil
        let resourcepart = slash >= 0 ? UnsafeBufferPointer(rebasing: bytes[(slash + 1)..<count]) : nil
        // The record is at most ~8 copies of the line, escaped, plus fixed text: room enough below.
        let bound = 16 * count + 512
        if scratch.count < domainLength + bound {
            scratch += [UInt8](repeating: 0, count: domainLength + bound - scratch.count)
        }
        scratch.withUnsafeMutableBufferPointer { buffer in
            let domain = UnsafeBufferPointer(rebasing: buffer[0..<domainLength])
            var out = ByteOutput(start: buffer.baseAddress! + domainLength)
            switch format {
            case .jsonl: out.jsonRecord(line, input, localpart, domain, resourcepart, mode: mode)
            case .csv: out.csvRecord(line, input, localpart, domain, resourcepart)
            }
            result.output.append(contentsOf: UnsafeBufferPointer(start: out.start, count: out.count))
            if collisions {
                var hash = FNV1a()
                if let localpart {
                    hash.addLowercased(localpart)
                    hash.add(UInt8(ascii: "@"))
                }
                hash.add(domain)
                if fullJIDs, let resourcepart {
                    hash.add(UInt8(ascii: "/"))
                    hash.add(resourcepart)
                }
                result.hashes.append((line, hash.value, hash.value))
            }
        }
        result.summary.addUnchanged()
        return true
    }
}

/// Writes the bytes of a record into memory the caller has sized; the fields of a fast-lane line are printable
/// ASCII, where JSON escapes only `"` and `\\`, and CSV quotes fields with `"` or `,`.
struct ByteOutput {
    let start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0

    init(start: UnsafeMutablePointer<UInt8>) { self.start = start }

    @inline(__always) private mutating func append(_ byte: UInt8) {
        start[count] = byte
        count += 1
    }

    private mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        (start + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    mutating func raw(_ text: StaticString) {
        (start + count).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        count += text.utf8CodeUnitCount
    }

    mutating func number(_ value: Int) {
        var digits = 1
        var power = 10
        while value >= power && digits < 19 {
            digits += 1
            power &*= 10
        }
        var remaining = value
        for position in stride(from: digits - 1, through: 0, by: -1) {
            start[count + position] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        }
        count += digits
    }

    /// A JSON string of printable ASCII, optionally lower-cased (for a localpart).
    mutating func jsonString(_ text: UnsafeBufferPointer<UInt8>, lowercased: Bool = false) {
        append(UInt8(ascii: "\""))
        for var byte in text {
            if byte == 0x22 || byte == 0x5C { append(0x5C) }
            if lowercased && byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            append(byte)
        }
        append(UInt8(ascii: "\""))
    }

    /// The canonical JID as a JSON string.
    mutating func jsonJID(
        _ localpart: UnsafeBufferPointer<UInt8>?, _ domain: UnsafeBufferPointer<UInt8>,
        _ resourcepart: UnsafeBufferPointer<UInt8>?
    ) {
        append(UInt8(ascii: "\""))
        if let localpart {
            for var byte in localpart {
                if byte == 0x5C { append(0x5C) }  // '"' cannot occur in a localpart
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                append(byte)
            }
            append(UInt8(ascii: "@"))
        }
        append(contentsOf: domain)
        if let resourcepart {
            append(UInt8(ascii: "/"))
            for byte in resourcepart {
                if byte == 0x22 || byte == 0x5C { append(0x5C) }
                append(byte)
            }
        }
        append(UInt8(ascii: "\""))
    }

    /// The migration record of an unchanged line, exactly as `MigrationRecord.write(to:)` writes it.
    mutating func jsonRecord(
        _ line: Int, _ input: UnsafeBufferPointer<UInt8>, _ localpart: UnsafeBufferPointer<UInt8>?,
        _ domain: UnsafeBufferPointer<UInt8>, _ resourcepart: UnsafeBufferPointer<UInt8>?, mode: StringprepMode
    ) {
        raw("{\"line\":")
        number(line)
        raw(",\"input\":")
        jsonString(input)
        raw(",\"rfc6122\":{\"valid\":true,\"jid\":")
        jsonJID(localpart, domain, resourcepart)
        raw(mode == .stored ? ",\"mode\":\"stored\",\"errors\":[]}" : ",\"mode\":\"query\",\"errors\":[]}")
        raw(",\"rfc7622\":{\"input\":")
        jsonString(input)
        raw(",\"valid\":true,\"jid\":")
        jsonJID(localpart, domain, resourcepart)
        raw(",\"bare\":")
        jsonJID(localpart, domain, nil)
        raw(",\"localpart\":")
        if let localpart { jsonString(localpart, lowercased: true) } else { raw("null") }
        raw(",\"domainpart\":")
        jsonString(domain)
        raw(",\"domainAscii\":")
        jsonString(domain)
        raw(",\"resourcepart\":")
        if let resourcepart { jsonString(resourcepart) } else { raw("null") }
        raw(",\"errors\":[],\"warnings\":[],\"suggestion\":null},\"status\":\"unchanged\",\"reasons\":[]}\n")
    }

    /// A CSV field of printable ASCII.
    mutating func csvField(_ parts: [(UnsafeBufferPointer<UInt8>, lowercased: Bool)]) {
        let quote = parts.contains { part in part.0.contains { $0 == 0x22 || $0 == 0x2C } }
        if quote { append(0x22) }
        for (text, lowercased) in parts {
            for var byte in text {
                if byte == 0x22 { append(0x22) }
                if lowercased && byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                append(byte)
            }
        }
        if quote { append(0x22) }
    }

    /// The CSV row of an unchanged line, exactly as `MigrationRecord.appendCSV(to:)` writes it.
    mutating func csvRecord(
        _ line: Int, _ input: UnsafeBufferPointer<UInt8>, _ localpart: UnsafeBufferPointer<UInt8>?,
        _ domain: UnsafeBufferPointer<UInt8>, _ resourcepart: UnsafeBufferPointer<UInt8>?
    ) {
        number(line)
        append(0x2C)
        csvField([(input, false)])
        raw(",unchanged,true,")
        let at: StaticString = "@"
        let slash: StaticString = "/"
        var jid: [(UnsafeBufferPointer<UInt8>, lowercased: Bool)] = []
        if let localpart {
            jid.append((localpart, true))
            jid.append((UnsafeBufferPointer(start: at.utf8Start, count: 1), false))
        }
        jid.append((domain, false))
        if let resourcepart {
            jid.append((UnsafeBufferPointer(start: slash.utf8Start, count: 1), false))
            jid.append((resourcepart, false))
        }
        csvField(jid)
        raw(",true,")
        csvField(jid)
        raw(",\r\n")
    }
}
