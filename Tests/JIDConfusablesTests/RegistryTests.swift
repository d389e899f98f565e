import JIDConfusables
import JIDCore
import Testing

@Suite struct RegistryTests {
    @Test func findsLookalikesOfLocalpartsAndAddresses() throws {
        let registry = ConfusableRegistry()
        #expect(try registry.add("paypal"))
        #expect(try registry.add("Test"))  // enforced to "test"
        #expect(try registry.add("apple@example.com"))
        #expect(try !registry.add("PayPal"))  // the same localpart once enforced
        #expect(registry.count == 3)

        #expect(
            registry.conflicts(for: try JID("paypa1@other.org")) == [
                RegistryConflict(name: "paypal", relation: .skeleton)
            ])
        #expect(registry.conflicts(for: try JID("tést@x.org")) == [RegistryConflict(name: "test", relation: .folded)])
        #expect(
            registry.conflicts(for: try JID("PAYPAL@x.org")) == [RegistryConflict(name: "paypal", relation: .identical)]
        )
        #expect(
            registry.conflicts(for: try JID("аpple@example.com"))
                == [RegistryConflict(name: "apple@example.com", relation: .skeleton)])
        // A bare-JID entry does not match the same localpart at another domain.
        #expect(registry.conflicts(for: try JID("apple@other.org")).isEmpty)
        #expect(registry.conflicts(for: try JID("paypal-support@x.org")).isEmpty)
    }

    @Test func removeAndReAdd() throws {
        let registry = ConfusableRegistry()
        try registry.add("paypal")
        #expect(try registry.remove("paypal"))
        #expect(try !registry.remove("paypal"))
        #expect(registry.conflicts(for: try JID("paypa1@x.org")).isEmpty)
        #expect(try registry.add("paypal"))
        #expect(registry.conflicts(for: try JID("paypa1@x.org")).count == 1)
    }

    @Test func refusesInvalidEntries() {
        let registry = ConfusableRegistry()
        #expect(throws: ConfusableRegistry.EntryError.self) { try registry.add("a b") }
        #expect(throws: ConfusableRegistry.EntryError.self) { try registry.add("juliet@example.com/balcony") }
        #expect(throws: ConfusableRegistry.EntryError.self) { try registry.add("@example.com") }
    }

    @Test func loadsLinesAndReportsRefusedOnes() {
        let registry = ConfusableRegistry()
        let lines: [[UInt8]] =
            ["# users", "alice", "", "bob@example.com\r", "bad name", "carol"].map { Array($0.utf8) }
            + [[0x66, 0xFF]]
        let (added, refused) = registry.load(lines: lines)
        #expect(added == 3)
        #expect(refused.map(\.line) == [5, 7])
        #expect(refused.last?.message == "not valid UTF-8")
    }

    /// Many names: every one is found again, and growth keeps earlier entries.
    @Test func growsAndFindsEveryName() throws {
        let registry = ConfusableRegistry()
        for index in 0..<20_000 { try registry.add("user\(index)") }
        #expect(registry.count == 20_000)
        for index in stride(from: 0, to: 20_000, by: 997) {
            let conflicts = registry.conflicts(for: try JID("user\(index)@x.org"))
            #expect(conflicts.contains(RegistryConflict(name: "user\(index)", relation: .identical)))
        }
        // "userl0" reads as "user10".
        #expect(
            registry.conflicts(for: try JID("userl0@x.org")).contains(
                RegistryConflict(name: "user10", relation: .skeleton)))
    }

    /// Adding many names at once (enforced and keyed on every core) gives the index adding them one by one does:
    /// the same count, the same names skipped, the same conflicts for every candidate.
    @Test func addingManyAtOnceEqualsAddingOneByOne() throws {
        var names: [String] = []
        for index in 0..<6_000 {
            names.append(["user\(index)", "Usér\(index)", "раураl\(index)", "x\(index)@example.com"][index % 4])
        }
        names += ["PayPal", "paypal", "bad name", "a@b@c", "henriⅣ", "ǅ", "", "juliet@example.com/balcony"]
        let serial = ConfusableRegistry()
        for name in names { _ = try? serial.add(name) }
        let parallel = ConfusableRegistry()
        let added = parallel.add(contentsOf: names)
        #expect(added == serial.count && parallel.count == serial.count)
        #expect(ConfusableRegistry().add(contentsOf: []) == 0)
        for candidate in [
            "user17@x.org", "usér18@x.org", "paypal@x.org", "x23@example.com", "раураl2@x.org", "henriiv@x.org",
        ] {
            let jid = try JID(candidate)
            #expect(parallel.conflicts(for: jid) == serial.conflicts(for: jid), "\(candidate)")
        }
    }

    /// The verdict without the list is the list's verdict, on buckets of many lookalikes (every spelling of a
    /// stem with l/1/I, o/0, rn/m, accents and Cyrillic letters), names removed again, localparts and addresses.
    @Test func verdictIsTheListsVerdict() throws {
        let registry = ConfusableRegistry()
        let stems = ["paypal", "admin", "modern", "olio", "lillo", "corn", "ilona", "mila"]
        func spellings(_ stem: String) -> [String] {
            var spellings = [""]
            for character in stem {
                let choices: [String]
                switch character {
                case "l": choices = ["l", "1", "I", "ł"]
                case "o": choices = ["o", "0", "ö", "о"]
                case "a": choices = ["a", "á", "а"]
                case "m": choices = ["m", "rn"]
                case "i": choices = ["i", "í", "1"]
                default: choices = [String(character)]
                }
                spellings = spellings.flatMap { prefix in choices.map { prefix + $0 } }
            }
            return spellings
        }
        var all: [String] = []
        for stem in stems { all += spellings(stem) }
        #expect(all.count > 500)
        var registered = 0
        for (index, name) in all.enumerated() where index % 3 != 0 {
            if (try? registry.add(index % 5 == 0 ? name + "@example.com" : name)) == true { registered += 1 }
        }
        for (index, name) in all.enumerated() where index % 7 == 0 { _ = try? registry.remove(name) }
        #expect(registered > 300)
        var kinds: [RegistryVerdict: Int] = [:]
        var largest = 0
        for name in all + stems.map({ $0 + "s" }) {
            for address in [name + "@example.com", name + "@other.org"] {
                guard let jid = JID.parse(address).jid else { continue }
                let listed = registry.conflicts(for: jid)
                let verdict = registry.verdict(for: jid)
                #expect(verdict == RegistryVerdict(conflicts: listed), "\(address): \(listed)")
                kinds[verdict, default: 0] += 1
                largest = max(largest, listed.count)
            }
        }
        // Every kind of answer is exercised, some of them on more than a hundred lookalikes.
        #expect(kinds[RegistryVerdict(taken: true, lookalike: .skeleton), default: 0] > 100)
        #expect(kinds[RegistryVerdict(taken: false, lookalike: .skeleton), default: 0] > 100)
        #expect(kinds[RegistryVerdict(taken: false, lookalike: .folded), default: 0] > 0)
        #expect(kinds[RegistryVerdict(taken: false, lookalike: nil), default: 0] > 0)
        #expect(largest > 100)
    }

    /// Names added and removed in any order, through growth: the registry answers every name as one built afresh
    /// from the names it holds (same count, same conflicts), so removing a name never loses or moves another's
    /// entries out of reach. The names come in families of lookalikes, so their keys share slots.
    @Test func churnLeavesTheIndexOfTheNamesHeld() throws {
        var pool: [String] = []
        for index in 0..<500 {
            pool += ["n\(index)l", "n\(index)1", "N\(index)I", "ñ\(index)l", "n\(index)l@example.com"]
        }
        let registry = ConfusableRegistry()
        var held: [String] = []
        var holds = Set<String>()
        for step in 0..<12_000 {
            // A fixed scramble of the step picks the name; more additions than removals until the end.
            let name = pool[Int((UInt64(step) &* 0x9E37_79B9_7F4A_7C15) >> 33) % pool.count]
            let removing = step % 10 < (step < 9_000 ? 3 : 8)
            if removing {
                #expect(try registry.remove(name) == holds.contains(name), "step \(step): remove \(name)")
                if holds.remove(name) != nil { held.removeAll { $0 == name } }
            } else {
                #expect(try registry.add(name) == !holds.contains(name), "step \(step): add \(name)")
                if holds.insert(name).inserted { held.append(name) }
            }
            guard step % 3_000 == 2_999 else { continue }
            let afresh = ConfusableRegistry()
            for name in held { try afresh.add(name) }
            #expect(registry.count == held.count && afresh.count == held.count)
            for name in pool {
                let jid = try JID(name.contains("@") ? name : name + "@example.com")
                #expect(registry.conflicts(for: jid) == afresh.conflicts(for: jid), "step \(step): \(name)")
                #expect(registry.verdict(for: jid) == afresh.verdict(for: jid), "step \(step): \(name)")
            }
        }
    }
}
