/// Text the record writers take: a `String`, or canonical UTF-8 bytes that a fast lane has checked in place (so
/// the fast lanes hand their parts to the same writers as the general path, without building strings).
package protocol UTF8Text {
    func withUTF8Buffer<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
}

extension String: UTF8Text {
    package func withUTF8Buffer<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}

extension UnsafeBufferPointer: UTF8Text where Element == UInt8 {
    package func withUTF8Buffer<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { body(self) }
}

/// The canonical parts of a valid address, as the record writers see them.
package struct AddressText<Text: UTF8Text> {
    package var localpart: Text?
    package var domainpart: Text
    /// The domainpart with A-labels (equal to ``domainpart`` for an ASCII domain).
    package var domainAscii: Text
    package var resourcepart: Text?

    package init(localpart: Text?, domainpart: Text, domainAscii: Text, resourcepart: Text?) {
        self.localpart = localpart
        self.domainpart = domainpart
        self.domainAscii = domainAscii
        self.resourcepart = resourcepart
    }
}

extension AddressText where Text == String {
    package init(_ jid: JID) {
        self.init(
            localpart: jid.localpart, domainpart: jid.domainpart, domainAscii: jid.domainAscii,
            resourcepart: jid.resourcepart)
    }
}
