/// ASCII byte rules shared by the fast paths.
enum ASCII {
    /// A-Z to a-z; every other byte as it is.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}
