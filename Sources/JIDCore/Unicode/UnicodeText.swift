import CUnicode

/// UTF-32 helpers over the shim. The core works on arrays of scalar values (`UInt32`) in its general path.
enum UnicodeText {
    /// Normalization forms offered by the shim.
    enum Form: Int32 {
        case nfc = 0
        case nfkc = 1
        case nfd = 2
        case nfkd = 3
    }

    static func isNormalized(_ scalars: [UInt32], _ form: Form) -> Bool {
        scalars.withUnsafeBufferPointer { cu_is_normalized(form.rawValue, $0.baseAddress, Int32($0.count)) == 1 }
    }

    static func normalize(_ scalars: ArraySlice<UInt32>, _ form: Form) -> [UInt32] {
        transform(scalars) { source, count, destination, capacity in
            cu_normalize(form.rawValue, source, count, destination, capacity)
        }
    }

    /// Unicode toLowerCase() of a whole string in the root locale, as ICU computes it (with Final_Sigma).
    static func lowercased(_ scalars: [UInt32]) -> [UInt32] {
        transform(scalars[...]) { source, count, destination, capacity in
            cu_to_lower_string(source, count, destination, capacity)
        }
    }

    private static func transform(
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
    static func scalars(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt32]? {
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

    static func string(_ scalars: some Sequence<UInt32>) -> String {
        var result = String()
        result.unicodeScalars.append(contentsOf: scalars.lazy.map { Unicode.Scalar($0)! })
        return result
    }

    static func scalars(_ string: String) -> [UInt32] { string.unicodeScalars.map(\.value) }
}
