/// Text the record writers take: a `String`, or canonical UTF-8 bytes that a fast lane has checked in place (so
/// the fast lanes hand their parts to the same writers as the general path, without building strings).
package protocol UTF8Text {
    func withUTF8Buffer<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
    /// The length in UTF-8 bytes.
    var utf8Count: Int { get }
    /// Whether every text of the type is known to need no JSON escaping (no quote, backslash or control
    /// character), so that a writer copies it as it is.
    static var isVerbatim: Bool { get }
}

extension UTF8Text {
    package static var isVerbatim: Bool { false }
}

/// Bytes checked to need no JSON escaping (see ``JSONWriter/needsNoEscaping(_:)``).
package struct VerbatimText: UTF8Text {
    let bytes: UnsafeBufferPointer<UInt8>

    package func withUTF8Buffer<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { body(bytes) }
    package var utf8Count: Int { bytes.count }
    package static var isVerbatim: Bool { true }
}

extension String: UTF8Text {
    package func withUTF8Buffer<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }

    package var utf8Count: Int { utf8.count }
}

extension UnsafeBufferPointer: UTF8Text where Element == UInt8 {
    package func withUTF8Buffer<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { body(self) }

    package var utf8Count: Int { count }
}

/// The canonical parts of a valid address, as the record writers see them: a ``JID`` (strings), or the parts of a
/// plain line that the migration fast lane found in place (bytes). Read where they are, never copied.
package protocol AddressParts {
    associatedtype Text: UTF8Text
    var localpartText: Text? { get }
    var domainpartText: Text { get }
    /// The domainpart with A-labels (the domainpart itself for an ASCII domain).
    var domainAsciiText: Text { get }
    var resourcepartText: Text? { get }
}

extension JID: AddressParts {
    package var localpartText: String? { localpart }
    package var domainpartText: String { domainpart }
    package var domainAsciiText: String { domainAscii }
    package var resourcepartText: String? { resourcepart }
}
