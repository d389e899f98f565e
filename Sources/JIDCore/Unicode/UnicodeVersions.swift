import CUnicode

/// Versions of the Unicode libraries the core runs on, as reported by the libraries at run time.
public struct UnicodeVersions: Sendable, Hashable, Codable {
    /// ICU's version, e.g. "72.1".
    public let icu: String
    /// The Unicode version of ICU's character data, e.g. "15.0".
    public let unicode: String
    /// libidn2's version, e.g. "2.3.3".
    public let libidn2: String

    /// The versions of the libraries loaded in this process.
    public static let current: UnicodeVersions = {
        var buffer = [CChar](repeating: 0, count: 32)
        let icu = buffer.withUnsafeMutableBufferPointer { pointer -> String in
            _ = cu_icu_version(pointer.baseAddress, Int32(pointer.count))
            return String(cString: pointer.baseAddress!)
        }
        let unicode = buffer.withUnsafeMutableBufferPointer { pointer -> String in
            _ = cu_unicode_version(pointer.baseAddress, Int32(pointer.count))
            return String(cString: pointer.baseAddress!)
        }
        let idn2 = cu_idn2_version().map { String(cString: $0) } ?? "unknown"
        return UnicodeVersions(icu: icu, unicode: unicode, libidn2: idn2)
    }()
}
