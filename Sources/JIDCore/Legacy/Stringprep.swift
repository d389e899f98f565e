import CUnicode

/// The stringprep profiles of RFC 3920/6122 (Nodeprep, Resourceprep) and RFC 3491 (Nameprep), on ICU's
/// Unicode 3.2 tables.
public enum StringprepProfile: Int32, Sendable, Hashable, CaseIterable {
    /// RFC 3920 Appendix A: localparts.
    case nodeprep = 0
    /// RFC 3920 Appendix B: resourceparts.
    case resourceprep = 1
    /// RFC 3491: domain labels.
    case nameprep = 2
}

/// How unassigned code points (of Unicode 3.2) are treated (RFC 3454 §7).
public enum StringprepMode: String, Sendable, Hashable, CaseIterable {
    /// Stored strings: unassigned code points are an error. What a server applies to accounts it stores.
    case stored
    /// Queries: unassigned code points pass through unchanged.
    case query
}

/// Why a string fails a stringprep profile or IDNA2003's ToASCII.
public enum StringprepFailure: Error, Sendable, Hashable {
    case prohibited
    case unassigned
    case bidi
    case labelTooLong
    case domainTooLong
    case std3
    case acePrefix
    case other

    init(_ code: Int32) {
        switch Int(code) {
        case CU_PREP_PROHIBITED: self = .prohibited
        case CU_PREP_UNASSIGNED: self = .unassigned
        case CU_PREP_BIDI: self = .bidi
        case CU_PREP_LABEL_TOO_LONG: self = .labelTooLong
        case CU_PREP_DOMAIN_TOO_LONG: self = .domainTooLong
        case CU_PREP_STD3: self = .std3
        case CU_PREP_ACE_PREFIX: self = .acePrefix
        default: self = .other
        }
    }
}

extension StringprepProfile {
    /// Prepares scalar values with the profile.
    ///
    /// - Throws: ``StringprepFailure`` saying which stringprep rule the text breaks.
    public func prepare(_ scalars: [UInt32], mode: StringprepMode) throws(StringprepFailure) -> [UInt32] {
        try Stringprep.call(scalars) { source, count, destination, capacity, failure in
            cu_stringprep(rawValue, mode == .query ? 1 : 0, source, count, destination, capacity, failure)
        }
    }
}

/// IDNA2003 (RFC 3490) through ICU.
enum Stringprep {
    static func toASCII(_ scalars: [UInt32], mode: StringprepMode) throws(StringprepFailure) -> [UInt32] {
        try call(scalars) { source, count, destination, capacity, failure in
            cu_idna2003_to_ascii(mode == .query ? 1 : 0, source, count, destination, capacity, failure)
        }
    }

    static func toUnicode(_ scalars: [UInt32], mode: StringprepMode) throws(StringprepFailure) -> [UInt32] {
        try call(scalars) { source, count, destination, capacity, failure in
            cu_idna2003_to_unicode(mode == .query ? 1 : 0, source, count, destination, capacity, failure)
        }
    }

    static func call(
        _ scalars: [UInt32],
        _ body: (UnsafePointer<UInt32>?, Int32, UnsafeMutablePointer<UInt32>?, Int32, UnsafeMutablePointer<Int32>)
            -> Int32
    ) throws(StringprepFailure) -> [UInt32] {
        var capacity = scalars.count * 4 + 8
        while true {
            var output = [UInt32](repeating: 0, count: capacity)
            var failure: Int32 = 0
            let written = scalars.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { destination in
                    body(source.baseAddress, Int32(source.count), destination.baseAddress, Int32(capacity), &failure)
                }
            }
            if written < 0 { throw StringprepFailure(failure) }
            if Int(written) <= capacity {
                output.removeSubrange(Int(written)...)
                return output
            }
            capacity = Int(written)
        }
    }
}
