/// A valid XMPP address (RFC 7622) in canonical form.
///
/// Two JIDs are equal when the UTF-8 bytes of their canonical forms are equal (RFC 7622 §3.1: comparison of
/// enforced strings octet for octet). Swift's `String` equality is canonical equivalence, which is not the same,
/// so `JID` compares and hashes bytes.
public struct JID: Sendable, Hashable, CustomStringConvertible {
    /// The enforced localpart (PRECIS UsernameCaseMapped), or nil if the address has none.
    public let localpart: String?
    /// The enforced domainpart in U-label form, or an IP literal.
    public let domainpart: String
    /// The domainpart with A-labels.
    public let domainAscii: String
    /// The enforced resourcepart (PRECIS OpaqueString), or nil if the address has none.
    public let resourcepart: String?

    init(localpart: String?, domainpart: String, domainAscii: String, resourcepart: String?) {
        self.localpart = localpart
        self.domainpart = domainpart
        self.domainAscii = domainAscii
        self.resourcepart = resourcepart
    }

    /// Parses and enforces an address.
    ///
    /// - Throws: ``JIDError``: the first of the reasons ``parse(_:)`` would report.
    public init(_ string: String) throws(JIDError) {
        let result = JID.parse(string)
        guard let jid = result.jid else { throw result.errors[0] }
        self = jid
    }

    /// Inputs longer than this are refused before any Unicode work: 3 × 3071 octets, the largest valid address
    /// (1023 octets per part plus two separators) written with characters that map to a third of their size
    /// (fullwidth letters, decomposed Hangul).
    public static let maximumInputOctets = 3 * 3071
    /// RFC 7622 §3.2–3.4: each part is at most 1023 octets after enforcement.
    public static let maximumPartOctets = 1023

    /// Parses and enforces an address, reporting every part's problem rather than stopping at the first.
    public static func parse(_ input: String) -> JIDResult { JIDParser.standard.parse(input) }

    /// Parses and enforces an address given as UTF-8 bytes, which may be ill-formed.
    public static func parse(utf8 bytes: [UInt8]) -> JIDResult { JIDParser.standard.parse(utf8: bytes) }

    /// Parses and enforces an address given as UTF-8 bytes in a buffer (a line read in place), which may be
    /// ill-formed.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> JIDResult {
        JIDParser.standard.parse(utf8: bytes)
    }

    /// Whether an address given as UTF-8 bytes is valid: `parse(utf8:).isValid`, without making the result for
    /// the commonest addresses (printable ASCII, LDH domain).
    public static func isValid(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        JIDParser.standard.isValid(utf8: bytes)
    }

    /// Enforces an address given as its parts, each as that part (RFC 7622 §3.2–3.4), as a signup form has them:
    /// a user name and a fixed domain. Nothing is split again: an "@" or "/" in `localpart` is an error of the
    /// localpart (RFC 7622 §3.3.1; its suggestion is the XEP-0106 escaped form), one in `domainpart` an error of
    /// the domainpart, and both are ordinary characters in a resourcepart (RFC 7622 §3.4). Error offsets count
    /// from the start of `localpart@domainpart/resourcepart`, so in the localpart they are the user name's own.
    public static func parse(localpart: String?, domainpart: String, resourcepart: String? = nil) -> JIDResult {
        JIDParser.standard.parse(localpart: localpart, domainpart: domainpart, resourcepart: resourcepart)
    }

    /// The address without its resourcepart ("bare JID").
    public var bare: JID {
        JID(localpart: localpart, domainpart: domainpart, domainAscii: domainAscii, resourcepart: nil)
    }

    /// Whether the address has a resourcepart ("full JID").
    public var isFull: Bool { resourcepart != nil }

    /// The canonical string form: `localpart@domainpart/resourcepart`.
    public var description: String {
        var text = ""
        if let localpart { text += localpart + "@" }
        text += domainpart
        if let resourcepart { text += "/" + resourcepart }
        return text
    }

    public static func == (lhs: JID, rhs: JID) -> Bool {
        sameBytes(lhs.localpart, rhs.localpart) && sameBytes(lhs.domainpart, rhs.domainpart)
            && sameBytes(lhs.resourcepart, rhs.resourcepart)
    }

    private static func sameBytes(_ lhs: String?, _ rhs: String?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): true
        case (let lhs?, let rhs?): lhs.utf8.elementsEqual(rhs.utf8)
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(localpart == nil)
        for byte in localpart?.utf8 ?? "".utf8 { hasher.combine(byte) }
        hasher.combine(0xFF as UInt8)  // a byte that never occurs in UTF-8 separates the parts
        for byte in domainpart.utf8 { hasher.combine(byte) }
        hasher.combine(resourcepart == nil)
        for byte in resourcepart?.utf8 ?? "".utf8 { hasher.combine(byte) }
    }
}
