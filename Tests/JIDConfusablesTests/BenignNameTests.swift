import CUnicode
import JIDConfusables
import JIDCore
import Testing

/// Ordinary names in their own scripts must not be blocked (README, `jid confusables`).
@Suite struct BenignNameTests {
    /// Every letter of every locale's standard and auxiliary exemplar set (CLDR data in ICU) is at worst
    /// `review`, as a localpart and as a domain label. Letters that the address rules refuse are counted.
    @Test func exemplarLettersAreNeverBlocked() {
        var scored = 0
        var refused = 0
        var blocked: [String] = []
        var buffer = [UInt32](repeating: 0, count: 1 << 16)
        var seen = Set<String>()
        for index in 0..<cu_locale_count() {
            let locale = String(cString: cu_locale_name(index))
            for type in [Int32(CU_EXEMPLAR_STANDARD), Int32(CU_EXEMPLAR_AUXILIARY)] {
                let count = Int(cu_locale_exemplars(locale, type, &buffer, Int32(buffer.count)))
                #expect(count <= buffer.count)
                for item in buffer[0..<min(count, buffer.count)].split(separator: 0) {
                    let text = String(String.UnicodeScalarView(item.compactMap(Unicode.Scalar.init)))
                    guard seen.insert(text).inserted else { continue }
                    for address in ["\(text)@example.com", "\(text).example"] {
                        guard let jid = JID.parse(address).jid else {
                            refused += 1
                            continue
                        }
                        scored += 1
                        let score = ConfusableScorer.score(jid)
                        if score.verdict == .block {
                            blocked.append("\(locale) \(address) \(score.reasons.map(\.code.rawValue))")
                        }
                    }
                }
            }
        }
        print("exemplars: \(seen.count) distinct items, \(scored) addresses scored, \(refused) refused by RFC 7622")
        #expect(scored > 10_000)
        #expect(blocked.isEmpty, "\(blocked.prefix(40))")
    }

    /// Everyday names in their own scripts.
    @Test(arguments: [
        ("σωκράτης", ConfusableVerdict.ok), ("çağrı", .ok), ("ɛsi", .ok), ("ɔkɔ", .ok), ("ɓello", .ok),
        ("i̇lker", .review), ("İlker", .review), ("егор", .review), ("ουτοπία", .ok), ("müller", .ok),
        ("josé", .ok), ("łukasz", .ok), ("françois", .ok), ("ahmet", .ok), ("алёна", .ok), ("δημήτρης", .ok),
        ("محمد", .ok), ("דוד", .ok), ("राहुल", .ok), ("たなか", .ok), ("タナカ", .ok), ("田中", .ok), ("김민준", .ok),
        ("สมชาย", .ok), ("ნინო", .ok), ("արամ", .ok), ("ሰላም", .ok), ("நிலா", .ok), ("nguyễn", .ok),
    ])
    func namesInTheirOwnScript(name: String, atWorst: ConfusableVerdict) throws {
        let jid = try JID("\(name)@example.com")
        let score = ConfusableScorer.score(jid)
        #expect(score.verdict <= atWorst, "\(name): \(score.reasons.map(\.code.rawValue))")
    }

    /// Known attacks: mixed-script and whole-script lookalikes of ASCII names.
    @Test(arguments: [
        ("аpple", ConfusableVerdict.block), ("paypаl", .block), ("ᏚᎢᎵᎬᎢᎬᏒ", .review), ("gооgle", .block),
        ("pі̇xel", .block), ("ɡoogle", .block), ("hardᴡare", .block), ("1շ", .block), ("੨੨੨", .review),
        ("७৪9", .block), ("한̇글", .block), ("foogِ", .block), ("ip一address", .block), ("abcーdef", .block),
    ])
    func attacksAreCaught(name: String, atLeast: ConfusableVerdict) throws {
        let jid = try JID("\(name)@example.com")
        let score = ConfusableScorer.score(jid)
        #expect(score.verdict >= atLeast, "\(name): \(score.reasons.map(\.code.rawValue))")
    }
}
