import CUnicode

/// libidn2 through the shim. Stateless and thread-safe.
enum IDN2 {
    /// IDNA2008 lookup (RFC 5891 §5) of one U-label, without UTS #46 mapping: the caller has already applied
    /// the RFC 5895 mapping that RFC 7622 asks for. Returns the A-label or libidn2's error code.
    static func lookup(_ label: String) -> Result<String, IDN2Error> {
        var output = [UInt8](repeating: 0, count: 256)
        let status = label.withCString { input in
            input.withMemoryRebound(to: UInt8.self, capacity: label.utf8.count + 1) { bytes in
                output.withUnsafeMutableBufferPointer {
                    cu_idn2_lookup(bytes, Int32(CU_IDN2_NO_TR46), $0.baseAddress, 256)
                }
            }
        }
        guard status == 0 else { return .failure(IDN2Error(code: status)) }
        return .success(String(decoding: output.prefix { $0 != 0 }, as: UTF8.self))
    }

    /// The U-label form of an A-label, or nil if it does not decode.
    static func toUnicode(_ label: String) -> String? {
        var output = [UInt8](repeating: 0, count: 1024)
        let status = label.withCString { input in
            input.withMemoryRebound(to: UInt8.self, capacity: label.utf8.count + 1) { bytes in
                output.withUnsafeMutableBufferPointer { cu_idn2_to_unicode(bytes, $0.baseAddress, 1024) }
            }
        }
        guard status == 0 else { return nil }
        return String(decoding: output.prefix { $0 != 0 }, as: UTF8.self)
    }

}

/// A libidn2 error: the codes the domainpart rules explain are cases of their own (values from libidn2's `idn2.h`),
/// every other code is kept with libidn2's name and message.
enum IDN2Error: Error, Equatable {
    case twoHyphens, hyphenStartEnd, leadingCombining, disallowed, contextJ, contextJNoRule, contextO
    case contextONoRule, unassigned, bidi, labelTooBig
    case other(Int32)

    init(code: Int32) {
        self =
            switch code {
            case -301: .twoHyphens
            case -302: .hyphenStartEnd
            case -303: .leadingCombining
            case -304: .disallowed
            case -305: .contextJ
            case -306: .contextJNoRule
            case -307: .contextO
            case -308: .contextONoRule
            case -309: .unassigned
            case -310: .bidi
            case -206: .labelTooBig
            default: .other(code)
            }
    }

    var code: Int32 {
        switch self {
        case .twoHyphens: -301
        case .hyphenStartEnd: -302
        case .leadingCombining: -303
        case .disallowed: -304
        case .contextJ: -305
        case .contextJNoRule: -306
        case .contextO: -307
        case .contextONoRule: -308
        case .unassigned: -309
        case .bidi: -310
        case .labelTooBig: -206
        case .other(let code): code
        }
    }

    /// libidn2's symbolic name ("IDN2_DISALLOWED").
    var name: String { cu_idn2_error_name(code).map { String(cString: $0) } ?? "\(code)" }
    /// libidn2's description.
    var message: String { cu_idn2_error_message(code).map { String(cString: $0) } ?? "unknown error" }
}
