/// RFC 7622 §3.3: the localpart, enforced with UsernameCaseMapped (RFC 8265 §3.3), then the §3.3.1 exclusions.
extension AddressParser {
    /// RFC 7622 §3.3.1: characters a localpart may not contain after enforcement.
    static func isExcludedFromLocalpart(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x22, 0x26, 0x27, 0x2F, 0x3A, 0x3C, 0x3E, 0x40: true
        default: false
        }
    }

    /// A byte that UsernameCaseMapped at most lower-cases and §3.3.1 allows: printable ASCII except space and
    /// `" & ' / : < > @`. (Nodeprep treats exactly these bytes the same way, RFC 3920 A.5.)
    @inline(__always)
    static func isPlainLocalpartByte(_ byte: UInt8) -> Bool {
        byte >= 0x21 && byte <= 0x7E && !isExcludedFromLocalpart(UInt32(byte))
    }

    func enforceLocalpart(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<String, JIDError> {
        if let fast = Lanes.localpart(bytes) { return .success(fast) }
        return enforceLocalpartGeneral(UnicodeText.scalars(bytes) ?? [], base: 0)
    }

    /// Whether ``asciiLocalpart(_:)`` takes `bytes`.
    @inline(__always)
    static func isPlainASCIILocalpart(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.count <= maximumPartOctets && bytes.allSatisfy(isPlainLocalpartByte)
    }

    /// The ASCII fast path of a localpart: printable ASCII without the §3.3.1 exclusions, which
    /// UsernameCaseMapped only lower-cases. Nil when the general path must decide.
    static func asciiLocalpart(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard isPlainASCIILocalpart(bytes) else { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for index in bytes.indices {
                let byte = bytes[index]
                buffer[index] = ASCII.lowercased(byte)
            }
            return bytes.count
        }
    }

    /// The general path: also used for suggestions, with `base` 0 relative to the localpart.
    func enforceLocalpartGeneral(_ scalars: [UInt32], base: Int) -> Result<String, JIDError> {
        guard !scalars.isEmpty else {
            return .failure(
                JIDError(
                    .partEmpty(.localpart), part: .localpart, offset: base,
                    message: "The user name before the '@' is empty; leave out the '@' for a domain-only address."))
        }
        let text: MappedText
        do {
            text = try PrecisProfile.usernameCaseMapped.enforceMapped(scalars)
        } catch {
            let jidError = JIDError.precis(error, part: .localpart, base: base, input: scalars)
            return .failure(jidError.with(suggestion: suggests ? suggestedLocalpart(scalars, for: error) : nil))
        }
        if let index = text.scalars.firstIndex(where: Self.isExcludedFromLocalpart) {
            let scalar = Unicode.Scalar(decoded: text.scalars[index])
            let original = Unicode.Scalar(decoded: scalars[Int(text.origins[index])])
            let written = original == scalar ? "" : " (written as \(original.quoted))"
            return .failure(
                JIDError(
                    .localpartExcludedCharacter, part: .localpart, offset: base + Int(text.origins[index]),
                    codePoint: original,
                    message: "\(scalar.quoted)\(written) is not allowed in the user name (RFC 7622 §3.3.1 excludes "
                        + "\" & ' / : < > @); XEP-0106 escaping writes it as \\"
                        + (JIDEscaping.table.first { UInt32($0.scalar) == scalar.value }?.hex ?? "") + ".",
                    suggestion: suggests ? suggestedLocalpart(scalars, for: nil) : nil))
        }
        return Self.checkedLength(UnicodeText.string(text.scalars), .localpart, base: base)
    }

    static func enforcedLocalpartIfValid(_ scalars: [UInt32]) -> String? {
        guard let text = try? PrecisProfile.usernameCaseMapped.enforceMapped(scalars),
            !text.scalars.contains(where: isExcludedFromLocalpart)
        else { return nil }
        let output = UnicodeText.string(text.scalars)
        return output.utf8.count <= maximumPartOctets ? output : nil
    }
}
