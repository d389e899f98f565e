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

    static func errorName(_ code: Int32) -> String { cu_idn2_error_name(code).map { String(cString: $0) } ?? "\(code)" }
    static func errorMessage(_ code: Int32) -> String {
        cu_idn2_error_message(code).map { String(cString: $0) } ?? "unknown error"
    }
}

/// A libidn2 error code.
struct IDN2Error: Error {
    let code: Int32
}
