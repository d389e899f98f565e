import CUnicode
import JIDCore

/// The UTS #39 checks of one label: a localpart, one domain label, or a resourcepart, in enforced (NFC) form.
struct LabelAnalysis {
    let scalars: [UInt32]
    /// Offset of the label within its part, for evidence.
    let base: Int
    let part: JIDPart

    private let facts: [Facts]
    private var reasons: [ConfusableReason] = []

    init(_ scalars: [UInt32], base: Int, part: JIDPart) {
        self.scalars = scalars
        self.base = base
        self.part = part
        self.facts = scalars.map {
            Facts(scalar: $0, category: Int(cu_general_category($0)), scripts: Scripts.extensions($0))
        }
    }

    /// Runs every check; ASCII labels have nothing to find.
    static func reasons(_ scalars: [UInt32], base: Int, part: JIDPart) -> [ConfusableReason] {
        guard !Skeleton.isASCII(scalars) else { return [] }
        var analysis = LabelAnalysis(scalars, base: base, part: part)
        analysis.run()
        return analysis.reasons
    }

    // MARK: Character facts

    private struct Facts {
        let scalar: UInt32
        let category: Int
        let scripts: ScriptSet
        /// Letters, marks and digits: what scripts are judged on. Resourceparts may hold anything else.
        var isIdentifierCharacter: Bool {
            switch category {
            case CU_GC_Lu, CU_GC_Ll, CU_GC_Lt, CU_GC_Lm, CU_GC_Lo, CU_GC_Mn, CU_GC_Mc, CU_GC_Me, CU_GC_Nd, CU_GC_Nl,
                CU_GC_No:
                return true
            default: return false
            }
        }
        var isLetter: Bool { category >= CU_GC_Lu && category <= CU_GC_Lo }
        var isCommonOrInherited: Bool { scripts.contains(Scripts.common) || scripts.contains(Scripts.inherited) }
        var isASCIIAlphanumeric: Bool {
            (scalar >= 0x30 && scalar <= 0x39) || ((scalar | 0x20) >= 0x61 && (scalar | 0x20) <= 0x7A)
        }
    }

    private func evidence(_ index: Int, looksLike: String? = nil) -> ConfusableEvidence {
        let scalar = scalars[index]
        let text = Unicode.Scalar(scalar).map { String(Character($0)) } ?? ""
        return ConfusableEvidence(
            index: base + index, character: text,
            codePoint: Unicode.Scalar(scalar)?.codePointNotation ?? "",
            script: Scripts.primaryName(Scripts.extensions(scalar)),
            looksLike: looksLike ?? Skeleton.image(of: scalar))
    }

    private mutating func add(
        _ code: ConfusableReason.Code, _ severity: ConfusableSeverity, _ message: String, _ indices: [Int]
    ) {
        reasons.append(
            ConfusableReason(
                code: code, severity: severity, part: part, message: message, evidence: indices.map { evidence($0) }))
    }

    private func describe(_ index: Int) -> String {
        let scalar = scalars[index]
        let name = Unicode.Scalar(scalar).map { "\($0.codePointNotation) \($0.icuName)" } ?? ""
        return "'\(Unicode.Scalar(scalar).map { String($0) } ?? "")' (\(name))"
    }

    // MARK: Checks

    private mutating func run() {
        checkScripts()
        checkNumbers()
        checkCharacters()
        checkMarks()
        checkKanaAndStrokes()
        if part == .domainpart { checkDeviations() }
    }

    /// Restriction level (UTS #39 §5.2), mixed-script confusables, whole-script confusables (§4) and ASCII
    /// lookalikes.
    private mutating func checkScripts() {
        // Resourceparts are free text: only their letters, marks and digits are judged. In the other parts every
        // character has a script (Hebrew gershayim is punctuation of the Hebrew script).
        let identifierIndices = facts.indices.filter { part != .resourcepart || facts[$0].isIdentifierCharacter }
        var resolved = ScriptSet.all
        for index in identifierIndices { resolved = resolved.intersection(Scripts.augmented(facts[index].scripts)) }
        let skeleton = Skeleton.skeleton(scalars)
        let hasASCIIAlphanumeric = facts.contains { $0.isASCIIAlphanumeric }

        if resolved.isEmpty {
            // Not a single script. Highly Restrictive allows Latin with Han and kana, Han and Bopomofo, or Hangul.
            let nonLatin = identifierIndices.filter {
                !facts[$0].scripts.contains(Scripts.latin) && !facts[$0].isCommonOrInherited
            }
            var rest = ScriptSet.all
            for index in nonLatin { rest = rest.intersection(Scripts.augmented(facts[index].scripts)) }
            let highlyRestrictive = !rest.intersection(Scripts.eastAsian).isEmpty
            let lookalikes = identifierIndices.filter { index in
                let scalar = scalars[index]
                guard scalar >= 0x80, !facts[index].scripts.contains(Scripts.latin) else { return false }
                return Skeleton.image(of: scalar).map { Skeleton.isASCII($0.unicodeScalars.map(\.value)) } ?? false
            }
            if !highlyRestrictive && !lookalikes.isEmpty {
                add(
                    .mixedScriptConfusable, .high,
                    "Mixes scripts, and "
                        + lookalikes.map { "\(describe($0)) looks like '\(Skeleton.image(of: scalars[$0]) ?? "")'" }
                        .joined(separator: ", ") + ".",
                    lookalikes)
            } else if !highlyRestrictive {
                let firsts = firstOfEachScript(identifierIndices)
                add(
                    .mixedScript, .medium,
                    "Mixes scripts that are not written together: "
                        + firsts.map { Scripts.longName(facts[$0].scripts) }.joined(separator: ", ") + ".", firsts)
            } else {
                // Accented Latin with Han, kana or Hangul is allowed by Highly Restrictive but is rare in names.
                let accented = identifierIndices.filter {
                    scalars[$0] >= 0x80 && facts[$0].scripts.contains(Scripts.latin) && facts[$0].isLetter
                }
                if !accented.isEmpty && !nonLatin.isEmpty {
                    add(
                        .mixedScript, .medium,
                        "Mixes accented Latin letters with \(Scripts.longName(facts[nonLatin[0]].scripts)).",
                        [accented[0], nonLatin[0]])
                }
            }
            return
        }

        // One script (with Common and Inherited).
        guard !resolved.contains(Scripts.latin) || resolved.isAll else { return }
        let imitators = facts.indices.filter { scalars[$0] >= 0x80 && facts[$0].isIdentifierCharacter }
        guard !imitators.isEmpty else { return }
        // The characters must pass for ASCII letters or digits, and the ASCII they read as must look like a name
        // (start and end with a letter or digit): `一123` reads as "-123", which no one would take for a name.
        guard Skeleton.isASCII(skeleton), let first = skeleton.first, let last = skeleton.last,
            Self.isAlphanumeric(first), Self.isAlphanumeric(last),
            imitators.contains(where: { index in
                Skeleton.image(of: scalars[index])?.unicodeScalars.contains { Self.isAlphanumeric($0.value) } ?? false
            })
        else { return }
        let asciiSkeleton = skeleton
        let looksLike = UnicodeText.string(asciiSkeleton)
        let digitsOnly =
            asciiSkeleton.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x4F || $0 == 0x6C }
            && asciiSkeleton.contains { $0 >= 0x30 && $0 <= 0x39 }
        if hasASCIIAlphanumeric {
            add(
                digitsOnly ? .digitLookalike : .asciiLookalike, .high,
                "Reads as the ASCII name '\(looksLike)': \(imitators.map(describe).joined(separator: ", ")) "
                    + "\(imitators.count == 1 ? "stands" : "stand") in for ASCII.", imitators)
        } else {
            add(
                digitsOnly ? .digitLookalike : .wholeScriptConfusable, .medium,
                "Written entirely in \(Scripts.longName(facts[imitators[0]].scripts)), yet it reads as the ASCII "
                    + "name '\(looksLike)'.", imitators)
        }
    }

    static func isAlphanumeric(_ scalar: UInt32) -> Bool {
        (scalar >= 0x30 && scalar <= 0x39) || ((scalar | 0x20) >= 0x61 && (scalar | 0x20) <= 0x7A)
    }

    private func firstOfEachScript(_ indices: [Int]) -> [Int] {
        var seen: [ScriptSet] = []
        var result: [Int] = []
        for index in indices where !facts[index].isCommonOrInherited {
            let scripts = facts[index].scripts
            if !seen.contains(where: { !$0.intersection(scripts).isEmpty }) {
                seen.append(scripts)
                result.append(index)
            }
        }
        return result
    }

    /// Decimal digits from more than one numbering system (UTS #39 §5.3).
    private mutating func checkNumbers() {
        var zeros: [UInt32] = []
        var firstOfSystem: [Int] = []
        for (index, scalar) in scalars.enumerated() {
            let value = cu_digit_value(scalar)
            guard value >= 0, facts[index].category == CU_GC_Nd else { continue }
            let zero = scalar - UInt32(value)
            if !zeros.contains(zero) {
                zeros.append(zero)
                firstOfSystem.append(index)
            }
        }
        if zeros.count > 1 {
            add(
                .mixedNumbers, .high,
                "Mixes digits of \(zeros.count) numbering systems: "
                    + firstOfSystem.map(describe).joined(separator: ", ") + ".", firstOfSystem)
        }
    }

    /// Identifier_Status (UTS #39 §3.1), the scripts of UAX #31 Tables 4, 5 and 7, CLDR exemplars, invisible
    /// characters and quote lookalikes.
    private mutating func checkCharacters() {
        let hasASCIILetters = facts.contains { $0.isASCIIAlphanumeric }
        var uncommon: [Int] = []
        var uncommonLookalikes: [Int] = []
        var letters: [Int] = []
        var limited: [Int] = []
        var excluded: [Int] = []
        var invisible: [Int] = []
        var quotes: [Int] = []
        for (index, scalar) in scalars.enumerated() where scalar >= 0x80 {
            let fact = facts[index]
            if cu_has_binary_property(scalar, Int32(CU_PROP_DEFAULT_IGNORABLE)) == 1 {
                invisible.append(index)
                continue
            }
            if Lookalikes.quoteLike.contains(scalar) || passesForPunctuation(index) { quotes.append(index) }
            guard fact.isIdentifierCharacter, cu_identifier_allowed(scalar) == 0 else { continue }
            let exemplar = cu_is_exemplar_letter(scalar) == 1
            let recommendedScript =
                fact.isCommonOrInherited || !fact.scripts.intersection(Scripts.recommended).isEmpty
            if recommendedScript {
                if exemplar {
                    letters.append(index)
                } else if hasASCIILetters,
                    let image = Skeleton.image(of: scalar), Skeleton.isASCII(image.unicodeScalars.map(\.value))
                {
                    uncommonLookalikes.append(index)
                } else {
                    uncommon.append(index)
                }
            } else if exemplar || !fact.scripts.intersection(Scripts.limitedUse).isEmpty {
                limited.append(index)
            } else {
                excluded.append(index)
            }
        }
        if !uncommonLookalikes.isEmpty {
            add(
                .uncommonCharacter, .high,
                "\(uncommonLookalikes.map(describe).joined(separator: ", ")) is used by no language's alphabet and "
                    + "passes for an ASCII letter.", uncommonLookalikes)
        }
        if !uncommon.isEmpty {
            add(
                .uncommonCharacter, .medium,
                "\(uncommon.map(describe).joined(separator: ", ")) is not recommended in identifiers (UTS #39) and "
                    + "belongs to no language's alphabet.", uncommon)
        }
        if !letters.isEmpty {
            add(
                .uncommonLetter, .low,
                "\(letters.map(describe).joined(separator: ", ")) is outside the UTS #39 recommended set but is a "
                    + "letter of a language's alphabet.", letters)
        }
        if !limited.isEmpty {
            add(
                .limitedUseScript, .medium,
                "Uses \(Scripts.longName(facts[limited[0]].scripts)), a script of limited use (UAX #31), whose "
                    + "letters often resemble Latin ones.", limited)
        }
        if !excluded.isEmpty {
            add(
                .excludedScript, .high,
                "\(excluded.map(describe).joined(separator: ", ")) belongs to a script no living language writes "
                    + "(UAX #31) or to no alphabet at all.", excluded)
        }
        if !invisible.isEmpty {
            add(
                .invisibleCharacter, .medium,
                "Contains invisible \(invisible.map(describe).joined(separator: ", ")): two names can look the same "
                    + "and differ only in it.", invisible)
        }
        if !quotes.isEmpty {
            add(
                .punctuationLookalike, .medium,
                "\(quotes.map(describe).joined(separator: ", ")) passes for an apostrophe or quotation mark.", quotes)
        }
    }

    /// A Latin or Common letter whose skeleton is ASCII punctuation other than the hyphen (`ǃ` for "!").
    private func passesForPunctuation(_ index: Int) -> Bool {
        let fact = facts[index]
        guard fact.isLetter, fact.isCommonOrInherited || fact.scripts.contains(Scripts.latin),
            let image = Skeleton.image(of: scalars[index])
        else { return false }
        let values = image.unicodeScalars.map(\.value)
        return values.count == 1 && values[0] < 0x80 && values[0] != 0x2D && !Self.isAlphanumeric(values[0])
    }

    /// Marks checked on the canonical decomposition, each mark keeping the index of the character it came from.
    private mutating func checkMarks() {
        var decomposed: [(scalar: UInt32, index: Int)] = []
        for (index, scalar) in scalars.enumerated() {
            if scalar < 0xC0 {
                decomposed.append((scalar, index))
            } else {
                for part in UnicodeText.normalize([scalar][...], .nfd) { decomposed.append((part, index)) }
            }
        }
        var repeated: [Int] = []
        var overlay: [Int] = []
        var dotted: [Int] = []
        var unrelated: [Int] = []
        var excessive: [Int] = []
        var base: (scalar: UInt32, scripts: ScriptSet)? = nil
        var marksOnBase: [UInt32] = []
        for (scalar, index) in decomposed {
            let category = Int(cu_general_category(scalar))
            guard category == CU_GC_Mn || category == CU_GC_Me else {
                base = (scalar, Scripts.extensions(scalar))
                marksOnBase = []
                continue
            }
            if marksOnBase.contains(scalar) { repeated.append(index) }
            marksOnBase.append(scalar)
            if marksOnBase.count == 5 { excessive.append(index) }
            if cu_combining_class(scalar) == 1 { overlay.append(index) }
            guard let (baseScalar, baseScripts) = base else { continue }
            let dottedBases: Set<UInt32> = [0x69, 0x6A, 0x6C, 0x131, 0x237, 0x456, 0x458]
            if (scalar == 0x307 && dottedBases.contains(baseScalar))
                || ((baseScalar == 0x131 || baseScalar == 0x237) && cu_combining_class(scalar) == 230)
            {
                dotted.append(index)
            }
            let markScripts = Scripts.extensions(scalar)
            if baseScripts.contains(Scripts.common) || baseScripts.contains(Scripts.inherited) { continue }
            if markScripts.contains(Scripts.inherited) {
                // The generic diacritics of U+0300–U+036F belong to Latin, Greek and Cyrillic.
                let usesDiacritics = ScriptSet([Scripts.latin, Scripts.greek, Scripts.cyrillic])
                if scalar >= 0x300 && scalar <= 0x36F && baseScripts.intersection(usesDiacritics).isEmpty {
                    unrelated.append(index)
                }
            } else if markScripts.intersection(baseScripts).isEmpty {
                unrelated.append(index)
            }
        }
        if !repeated.isEmpty {
            add(.repeatedMark, .high, "The same mark is applied twice to one letter, which shows as once.", repeated)
        }
        if !overlay.isEmpty {
            add(
                .overlayMark, .high,
                "\(overlay.map(describe).joined(separator: ", ")) draws over the letter before it.",
                overlay)
        }
        if !dotted.isEmpty {
            add(
                .dotOnDottedLetter, .medium,
                "A dot or accent on i, j, l or a dotless letter is hard to see; Turkish İ lowercases to i with "
                    + "U+0307 and reads as plain i.", dotted)
        }
        if !unrelated.isEmpty {
            add(
                .markAfterUnrelatedScript, .high,
                "\(unrelated.map(describe).joined(separator: ", ")) follows a letter of a script that does not use "
                    + "it.", unrelated)
        }
        if !excessive.isEmpty {
            add(.excessiveMarks, .medium, "More than four marks are stacked on one letter.", excessive)
        }
    }

    /// Kana length and iteration marks, the katakana middle dot, and one-stroke ideographs next to Latin.
    private mutating func checkKanaAndStrokes() {
        var outOfContext: [Int] = []
        var outOfContextHigh = false
        var strokes: [Int] = []
        var strokesHigh = false
        func isScript(_ index: Int, _ script: Int32) -> Bool {
            index >= 0 && index < scalars.count && facts[index].scripts.contains(script)
                && !Lookalikes.strokeLikeCJK.contains(scalars[index])
        }
        func isKana(_ index: Int) -> Bool { isScript(index, Scripts.hiragana) || isScript(index, Scripts.katakana) }
        func isCJK(_ index: Int) -> Bool {
            index >= 0 && index < scalars.count && !facts[index].scripts.intersection(Scripts.cjk).isEmpty
        }
        func isLatinLike(_ index: Int) -> Bool {
            guard index >= 0 && index < scalars.count else { return false }
            let scripts = facts[index].scripts
            return facts[index].isLetter
                && (scripts.contains(Scripts.latin) || scripts.contains(Scripts.greek)
                    || scripts.contains(Scripts.cyrillic))
        }
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case 0x30FC:  // ー prolonged sound mark: only after a kana letter
                if !isKana(index - 1) {
                    outOfContext.append(index)
                    if isLatinLike(index - 1) || isLatinLike(index + 1) { outOfContextHigh = true }
                }
                continue
            case 0x30FD, 0x30FE:  // ヽ ヾ katakana iteration marks
                if !isScript(index - 1, Scripts.katakana) {
                    outOfContext.append(index)
                    if isLatinLike(index - 1) { outOfContextHigh = true }
                }
                continue
            case 0x309D, 0x309E:  // ゝ ゞ hiragana iteration marks
                if !isScript(index - 1, Scripts.hiragana) {
                    outOfContext.append(index)
                    if isLatinLike(index - 1) { outOfContextHigh = true }
                }
                continue
            case 0x3078...0x307A, 0x30D8...0x30DA:
                // へ べ ぺ and ヘ ベ ペ are drawn alike in hiragana and katakana: one among the other script's kana
                // passes for it.
                let own = scalar < 0x30A0 ? Scripts.hiragana : Scripts.katakana
                let other = scalar < 0x30A0 ? Scripts.katakana : Scripts.hiragana
                if (isScript(index - 1, other) || isScript(index + 1, other))
                    && !isScript(index - 1, own) && !isScript(index + 1, own)
                {
                    outOfContext.append(index)
                }
                continue
            case 0x30FB:  // ・ katakana middle dot: among Japanese text only
                if (index > 0 && !isCJK(index - 1)) || (index + 1 < scalars.count && !isCJK(index + 1)) {
                    outOfContext.append(index)
                    if isLatinLike(index - 1) || isLatinLike(index + 1) { outOfContextHigh = true }
                }
                continue
            default: break
            }
            if Lookalikes.strokeLikeCJK.contains(scalar) {
                let before = isLatinLike(index - 1)
                let after = isLatinLike(index + 1)
                if before || after {
                    strokes.append(index)
                    if before && after { strokesHigh = true }
                }
            }
        }
        if !outOfContext.isEmpty {
            add(
                .kanaOutOfContext, outOfContextHigh ? .high : .medium,
                "\(outOfContext.map(describe).joined(separator: ", ")) only has a meaning after kana; elsewhere it "
                    + "passes for a hyphen or a dot.", outOfContext)
        }
        if !strokes.isEmpty {
            add(
                .cjkLookalike, strokesHigh ? .high : .medium,
                "\(strokes.map(describe).joined(separator: ", ")) stands next to Latin letters, where it passes for "
                    + "punctuation or a Latin letter.", strokes)
        }
    }

    /// IDNA deviation characters (UTS #46 §4.4) in domain labels.
    private mutating func checkDeviations() {
        let deviations = scalars.indices.filter { Lookalikes.idnaDeviations.contains(scalars[$0]) }
        if !deviations.isEmpty {
            add(
                .idnaDeviation, .medium,
                "\(deviations.map(describe).joined(separator: ", ")) is resolved differently by IDNA2003 and IDNA2008 "
                    + "software, so the domain can lead to two different hosts.", deviations)
        }
    }
}
