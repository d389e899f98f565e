import CUnicode
import JIDConfusables
import JIDCore
import Testing

@Suite struct SkeletonAndPairTests {
    /// Chromium's top-domain skeletons. One row is expected to differ: Chromium removes diacritics before the
    /// skeleton (`fóó.com` → `foo.corn`); our skeleton is UTS #39's, and the diacritic-free form is our separate
    /// folded key, which the test checks for that row.
    @Test func topDomainSkeletons() {
        var agree = 0
        var foldedAgree = 0
        var differ: [String] = []
        let records = Fixtures.records("chromium-top-domain-skeletons.jsonl")
        for record in records {
            let domain = record["domain"] as! String
            let expected = record["skeleton"] as! String
            if Skeleton.skeleton(domain) == expected {
                agree += 1
            } else {
                differ.append(domain)
                let folded = Skeleton.skeleton(Skeleton.folded(domain.unicodeScalars.map(\.value)))
                if folded == expected.unicodeScalars.map(\.value) { foldedAgree += 1 }
            }
        }
        print("top-domain skeletons: \(agree)/\(records.count) equal; folded key equal for \(foldedAgree) of the rest")
        #expect(records.count == 5025)
        #expect(agree >= 5024)
        #expect(differ == ["fóó.com"])
        #expect(foldedAgree == differ.count)
    }

    /// The upper-case and folded keys given the skeleton they may reuse are the keys computed alone: on every
    /// top domain, both sides of every confusable pair, and names in caseless scripts and in capitals.
    @Test func keysThatReuseTheSkeletonAreTheKeys() {
        var texts = ["ᏚᎢᎵᎬᎢᎬᏒ", "東京", "さくら", "한국어", "مرحبا", "שלום", "हिन्दी", "PAYPAL", "ΑΘΗΝΑ", "łukasz", "tést", "егор"]
        texts += Fixtures.records("chromium-top-domain-skeletons.jsonl").map { $0["domain"] as! String }
        for record in Fixtures.records("confusable-pairs.jsonl") {
            texts += [record["a"] as! String, record["b"] as! String]
        }
        var reused = (upper: 0, folded: 0)
        for text in texts {
            let scalars = text.unicodeScalars.map(\.value)
            let skeleton = Skeleton.skeleton(scalars)
            let upper = Skeleton.upperSkeleton(scalars, skeleton: skeleton)
            let folded = Skeleton.foldedSkeleton(scalars, skeleton: skeleton)
            #expect(upper == Skeleton.upperSkeleton(scalars), "\(text)")
            #expect(folded == Skeleton.foldedSkeleton(scalars), "\(text)")
            if upper == skeleton { reused.upper += 1 }
            if folded == skeleton { reused.folded += 1 }
        }
        #expect(texts.count > 5000 && reused.upper > 10 && reused.folded > 1000)
    }

    /// Every ASCII character alone, and 2,000 random ASCII strings of 1 to 24 characters.
    static func asciiSamples() -> [[UInt32]] {
        var generator = SystemRandomNumberGenerator()
        var samples: [[UInt32]] = (0..<128).map { [UInt32($0)] }
        for _ in 0..<2000 {
            let length = Int.random(in: 1...24, using: &generator)
            samples.append((0..<length).map { _ in UInt32.random(in: 0..<128, using: &generator) })
        }
        return samples
    }

    /// Every ASCII character, and random ASCII strings, get the same skeleton from the table as from ICU.
    @Test func asciiSkeletonTableEqualsICU() {
        for sample in Self.asciiSamples() {
            // Appending a non-ASCII letter that has no mapping forces the ICU path; then drop its image.
            let viaICU = Skeleton.skeleton(sample + [0x4E2D])
            #expect(Array(viaICU.dropLast()) == Skeleton.skeleton(sample), "\(sample)")
        }
    }

    /// The skeleton of the capitals of ASCII text, read from the table in one pass, is what the general path
    /// (upper case, then ICU's skeleton) gives: every character and random strings; with and without the
    /// skeleton given.
    @Test func asciiUpperSkeletonEqualsTheGeneralPath() {
        for sample in Self.asciiSamples() {
            // A caseless non-ASCII letter whose image is itself forces the general path; then drop it.
            let general = Skeleton.upperSkeleton(sample + [0x4E2D])
            #expect(general.last == 0x4E2D)
            #expect(Array(general.dropLast()) == Skeleton.upperSkeleton(sample), "\(sample)")
            let skeleton = Skeleton.skeleton(sample)
            #expect(Skeleton.upperSkeleton(sample, skeleton: skeleton) == Skeleton.upperSkeleton(sample), "\(sample)")
        }
    }

    /// The folded form, which skips building the decomposition when no character can fold and takes the
    /// per-character decompositions when it may, is the one built every time from ICU's NFD: on every BMP
    /// character and on names mixing scripts, marks and stroked letters.
    @Test func foldedFormIsTheOneWithoutShortcuts() {
        var samples: [[UInt32]] = (UInt32(0x80)..<0x10000).filter { !(0xD800...0xDFFF).contains($0) }.map { [$0] }
        samples += ["łukasz", "tést", "егор", "ΑΘΗΝΑ", "東京", "ñandú", "øystein", "đorđe", "ħaġar", "a\u{301}b", "ǆ"]
            .map { $0.unicodeScalars.map(\.value) }
        var folded = 0
        for sample in samples {
            let expected = Skeleton.foldedWithoutShortcutsForTesting(sample)
            #expect(Skeleton.folded(sample) == expected, "\(sample)")
            if expected != sample { folded += 1 }
        }
        #expect(folded > 1000)
    }

    /// `confusable-pairs.jsonl`: every `confusable: true` pair is a lookalike (`skeleton` or `folded`), and no
    /// `confusable: false` pair is. Pairs that are valid JIDs are compared as addresses (enforced, part by
    /// part); the others (`!`, `test‐site`) as text.
    @Test func confusablePairs() {
        var relations: [ConfusableRelation: Int] = [:]
        for record in Fixtures.records("confusable-pairs.jsonl") {
            let a = record["a"] as! String
            let b = record["b"] as! String
            let expected = record["confusable"] as! Bool
            let comparison: ConfusableComparison
            if let x = JID.parse(a).jid, let y = JID.parse(b).jid {
                comparison = ConfusableComparer.compare(x, y)
            } else {
                comparison = ConfusableComparer.compare(text: a, b)
            }
            relations[comparison.relation, default: 0] += 1
            #expect(comparison.relation.isLookalike == expected, "\(a) | \(b): \(comparison.relation)")
        }
        print("pairs: \(relations.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" })")
    }

    @Test func rfc7622CherokeeExampleMeetsStPeterAsAddresses() throws {
        let cherokee = try JID("ᏚᎢᎵᎬᎢᎬᏒ@example.com")
        let latin = try JID("stpeter@example.com")
        let comparison = ConfusableComparer.compare(cherokee, latin)
        #expect(comparison.relation == .skeleton)
        #expect(ConfusableScorer.score(cherokee).verdict == .review)
    }

    @Test func differencesAreAligned() throws {
        let comparison = ConfusableComparer.compare(try JID("pаypa1@example.com"), try JID("paypal@example.com"))
        #expect(comparison.relation == .skeleton)
        let local = comparison.parts[0]
        #expect(local.differences.map(\.index) == [1, 5])
        #expect(local.differences.map(\.a) == ["а", "1"])
        #expect(local.differences.map(\.bLooksLike) == ["a", "l"])
        let shorter = ConfusableComparer.compare(try JID("ést.net"), try JID("test.net"))
        #expect(shorter.relation == .edit1)
        #expect(shorter.parts[0].differences.map(\.b) == ["t", "e"] || shorter.parts[0].differences.count <= 2)
    }
}

@Suite struct SkeletonShortcutTests {
    /// The concatenation shortcut equals ICU's skeleton wherever it applies: every BMP character, pairs of
    /// them, and generated names of every script.
    @Test func concatenationEqualsICU() {
        var checked = 0
        for scalar in UInt32(0x80)..<0x10000 where !(0xD800...0xDFFF).contains(scalar) {
            guard let fast = Skeleton.concatenatedImages([scalar]) else { continue }
            #expect(fast == Skeleton.icuSkeletonForTesting([scalar]), "U+\(String(scalar, radix: 16))")
            checked += 1
        }
        var generator = SystemRandomNumberGenerator()
        let pool = (UInt32(0x80)..<0x3000).filter { Skeleton.concatenatedImages([$0]) != nil }
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 2...8, using: &generator)).map { _ in
                Bool.random(using: &generator)
                    ? UInt32.random(in: 0x61...0x7A, using: &generator) : pool.randomElement(using: &generator)!
            }
            if let fast = Skeleton.concatenatedImages(text) {
                #expect(fast == Skeleton.icuSkeletonForTesting(text), "\(text)")
                checked += 1
            }
        }
        for scalar in UInt32(0x80)..<0x10000 where !(0xD800...0xDFFF).contains(scalar) {
            let text = [0x61, scalar, 0x62, scalar]
            if let fast = Skeleton.concatenatedDecompositions(text) {
                #expect(fast == Skeleton.icuDecompositionForTesting(text), "U+\(String(scalar, radix: 16))")
                checked += 1
            }
        }
        print("skeleton and NFD shortcuts: \(checked) strings equal to ICU's result")
        #expect(checked > 100_000)
    }
}
