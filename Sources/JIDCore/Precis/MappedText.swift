import CUnicode

/// Text in the middle of PRECIS enforcement: scalar values, each with the index of the input scalar it came
/// from, so that a rule that fails late can still point at the character the user typed.
struct MappedText: Equatable {
    var scalars: [UInt32]
    var origins: [Int32]

    init(_ scalars: [UInt32]) {
        self.scalars = scalars
        self.origins = (0..<Int32(scalars.count)).map { $0 }
    }

    private init(scalars: [UInt32], origins: [Int32]) {
        self.scalars = scalars
        self.origins = origins
    }

    static func == (lhs: MappedText, rhs: MappedText) -> Bool { lhs.scalars == rhs.scalars }

    /// Replaces each scalar by zero or more scalars; `body` appends the replacement for the scalar at an index.
    private func flatMapped(_ body: (Int, inout [UInt32]) -> Void) -> MappedText {
        var scalars: [UInt32] = []
        var origins: [Int32] = []
        scalars.reserveCapacity(self.scalars.count)
        origins.reserveCapacity(self.scalars.count)
        for index in self.scalars.indices {
            let before = scalars.count
            body(index, &scalars)
            for _ in before..<scalars.count { origins.append(self.origins[index]) }
        }
        return MappedText(scalars: scalars, origins: origins)
    }

    /// Width Mapping Rule (RFC 8265 §3.3.1): fullwidth and halfwidth code points to their decomposition mappings.
    func widthMapped() -> MappedText {
        guard scalars.contains(where: { $0 >= 0x3000 }) else { return self }
        var copy = self
        for index in copy.scalars.indices where copy.scalars[index] >= 0x3000 {
            copy.scalars[index] = cu_width_mapping(copy.scalars[index])
        }
        return copy
    }

    /// Additional Mapping Rule of OpaqueString and Nickname: non-ASCII spaces (General_Category Zs) to U+0020.
    func spacesMapped() -> MappedText {
        guard scalars.contains(where: { $0 >= 0x80 }) else { return self }
        var copy = self
        for index in copy.scalars.indices where copy.scalars[index] >= 0x80 {
            if Int(cu_general_category(copy.scalars[index])) == CU_GC_Zs { copy.scalars[index] = 0x20 }
        }
        return copy
    }

    /// RFC 8266 §2.1: strip leading and trailing spaces, collapse interior runs of spaces to one.
    func spacesCollapsed() -> MappedText {
        var result = MappedText(scalars: [], origins: [])
        for index in scalars.indices {
            if scalars[index] == 0x20 && (result.scalars.isEmpty || result.scalars.last == 0x20) { continue }
            result.scalars.append(scalars[index])
            result.origins.append(origins[index])
        }
        if result.scalars.last == 0x20 {
            result.scalars.removeLast()
            result.origins.removeLast()
        }
        return result
    }

    /// Unicode toLowerCase() in the root locale, scalar by scalar so origins survive; U+03A3 takes the
    /// Final_Sigma condition of the Unicode Standard (§3.13) into account, as ICU's whole-string mapping does.
    /// `keeping`, when given, names characters to leave as they are although they have a lower-case mapping.
    func lowercased(keeping: ((UInt32) -> Bool)? = nil) -> MappedText {
        guard scalars.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0xC0 }) else { return self }
        var buffer: (UInt32, UInt32, UInt32) = (0, 0, 0)
        return flatMapped { index, output in
            let scalar = scalars[index]
            if scalar < 0x80 {
                output.append(scalar >= 0x41 && scalar <= 0x5A ? scalar | 0x20 : scalar)
            } else if scalar == 0x03A3 {
                output.append(isFinalSigma(at: index) ? 0x03C2 : 0x03C3)
            } else {
                let count = withUnsafeMutablePointer(to: &buffer) { pointer in
                    pointer.withMemoryRebound(to: UInt32.self, capacity: 3) { cu_to_lower(scalar, $0) }
                }
                if let keeping, (count != 1 || buffer.0 != scalar), keeping(scalar) {
                    output.append(scalar)
                    return
                }
                output.append(buffer.0)
                if count > 1 { output.append(buffer.1) }
                if count > 2 { output.append(buffer.2) }
            }
        }
    }

    private func isFinalSigma(at index: Int) -> Bool {
        func isCased(_ scalar: UInt32) -> Bool { cu_has_binary_property(scalar, Int32(CU_PROP_CASED)) == 1 }
        func isIgnorable(_ scalar: UInt32) -> Bool {
            cu_has_binary_property(scalar, Int32(CU_PROP_CASE_IGNORABLE)) == 1
        }
        var before = index - 1
        while before >= 0 && isIgnorable(scalars[before]) { before -= 1 }
        guard before >= 0 && isCased(scalars[before]) else { return false }
        var after = index + 1
        while after < scalars.count && isIgnorable(scalars[after]) { after += 1 }
        return !(after < scalars.count && isCased(scalars[after]))
    }

    /// Normalization. Text that is already normalized keeps its origins; otherwise each normalization segment
    /// (between boundaries where ICU may split the text) is normalized alone and its output takes the origin
    /// of the segment's first scalar — the result is the same as normalizing the whole text.
    func normalized(_ form: UnicodeText.Form) -> MappedText {
        if scalars.allSatisfy({ $0 < 0x300 }) && form == .nfc { return self }
        if UnicodeText.isNormalized(scalars, form) { return self }
        var result = MappedText(scalars: [], origins: [])
        var start = 0
        for index in 1...scalars.count
        where index == scalars.count || cu_has_boundary_before(form.rawValue, scalars[index]) == 1 {
            let segment = UnicodeText.normalize(scalars[start..<index], form)
            result.scalars.append(contentsOf: segment)
            result.origins.append(contentsOf: repeatElement(origins[start], count: segment.count))
            start = index
        }
        return result
    }
}
