import CUnicode

/// UTF-32 helpers over the shim. The core works on arrays of scalar values (`UInt32`) in its general path.
package enum UnicodeText {
    /// Normalization forms offered by the shim.
    package enum Form: Int32 {
        case nfc = 0
        case nfkc = 1
        case nfd = 2
        case nfkd = 3
    }

    package static func isNormalized(_ scalars: [UInt32], _ form: Form) -> Bool {
        scalars.withUnsafeBufferPointer { cu_is_normalized(form.rawValue, $0.baseAddress, Int32($0.count)) == 1 }
    }

    package static func normalize(_ scalars: ArraySlice<UInt32>, _ form: Form) -> [UInt32] {
        transform(scalars) { source, count, destination, capacity in
            cu_normalize(form.rawValue, source, count, destination, capacity)
        }
    }

    /// Unicode toLowerCase() of a whole string in the root locale, as ICU computes it (with Final_Sigma).
    package static func lowercased(_ scalars: [UInt32]) -> [UInt32] {
        transform(scalars[...]) { source, count, destination, capacity in
            cu_to_lower_string(source, count, destination, capacity)
        }
    }

    package static func transform(
        _ scalars: ArraySlice<UInt32>,
        _ body: (UnsafePointer<UInt32>?, Int32, UnsafeMutablePointer<UInt32>?, Int32) -> Int32
    ) -> [UInt32] {
        var capacity = scalars.count * 3 + 4
        while true {
            var output = [UInt32](repeating: 0, count: capacity)
            let written = scalars.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { destination in
                    body(source.baseAddress, Int32(source.count), destination.baseAddress, Int32(capacity))
                }
            }
            if written < 0 { return Array(scalars) }  // ICU failed: leave the text as it was
            if Int(written) <= capacity {
                output.removeSubrange(Int(written)...)
                return output
            }
            capacity = Int(written)
        }
    }

    /// Decodes UTF-8 into scalar values, or returns nil for ill-formed UTF-8.
    package static func scalars(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt32]? {
        var result: [UInt32] = []
        result.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): result.append(scalar.value)
            case .emptyInput: return result
            case .error: return nil
            }
        }
    }

    /// Whether `bytes` are well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or values above U+10FFFF), as
    /// `String(validating:as:)` decides, without its encoding-generic code and metadata look-ups at each call.
    package static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            @inline(__always) func continuation(_ offset: Int) -> UInt8? {
                guard index + offset < count else { return nil }
                let byte = bytes[index + offset]
                return byte & 0xC0 == 0x80 ? byte : nil
            }
            switch lead {
            case 0xC2...0xDF:
                guard continuation(1) != nil else { return false }
                index += 2
            case 0xE0...0xEF:
                guard let second = continuation(1), continuation(2) != nil else { return false }
                if lead == 0xE0 && second < 0xA0 { return false }  // overlong
                if lead == 0xED && second > 0x9F { return false }  // a surrogate
                index += 3
            case 0xF0...0xF4:
                guard let second = continuation(1), continuation(2) != nil, continuation(3) != nil else { return false }
                if lead == 0xF0 && second < 0x90 { return false }  // overlong
                if lead == 0xF4 && second > 0x8F { return false }  // above U+10FFFF
                index += 4
            default: return false
            }
        }
        return true
    }

    /// The string of valid scalar values, encoded directly as UTF-8.
    package static func string(_ scalars: [UInt32]) -> String { scalars.withUnsafeBufferPointer { string($0) } }

    package static func string(_ scalars: ArraySlice<UInt32>) -> String {
        scalars.withUnsafeBufferPointer { string($0) }
    }

    package static func string(_ scalars: UnsafeBufferPointer<UInt32>) -> String {
        String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var count = 0
            for scalar in scalars { count += encode(scalar, into: buffer.baseAddress! + count) }
            return count
        }
    }

    /// Writes a valid scalar value as UTF-8 at `output` (room for 4 bytes) and returns its length.
    @inline(__always)
    package static func encode(_ scalar: UInt32, into output: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            output[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            output[0] = UInt8(0xC0 | (scalar >> 6))
            output[1] = UInt8(0x80 | (scalar & 0x3F))
            return 2
        case 0x800..<0x10000:
            output[0] = UInt8(0xE0 | (scalar >> 12))
            output[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            output[2] = UInt8(0x80 | (scalar & 0x3F))
            return 3
        default:
            output[0] = UInt8(0xF0 | (scalar >> 18))
            output[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            output[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            output[3] = UInt8(0x80 | (scalar & 0x3F))
            return 4
        }
    }

    /// The scalar values of a string, decoded from its UTF-8.
    package static func scalars(_ string: String) -> [UInt32] {
        var text = string
        // A `String` is always well-formed UTF-8, so decoding cannot fail.
        return text.withUTF8 { scalars($0) }!
    }
}

extension Unicode.Scalar {
    /// The scalar of a value that came out of UTF-8 decoding or ICU, so is a scalar value; U+FFFD if it is not,
    /// rather than a trap on input nobody foresaw.
    init(decoded value: UInt32) { self = Unicode.Scalar(value) ?? "\u{FFFD}" }
}
