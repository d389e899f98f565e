import Testing

@testable import JIDCore

/// Stored names: what an RFC 6122 server stored (Nodeprep's output) and what that says about the move.
@Suite struct StoredFormsTests {
    static let checker = MigrationChecker(mode: .stored, stored: true)

    static func reason(_ input: String, _ code: String) -> MigrationReason? {
        checker.check(line: 1, input).reasons.first { $0.code == code }
    }

    @Test func fussballWasReachedByFußball() throws {
        let record = Self.checker.check(line: 1, "fussball@example.com")
        #expect(record.status == .unchanged)
        let reason = try #require(record.reasons.first)
        #expect(record.reasons.count == 1)
        #expect(reason.code == "typed-forms-lost")
        #expect(reason.part == .localpart)
        #expect(
            reason.detail
                == "under RFC 6122 typing 'fußball' reached 'fussball' (Nodeprep folded 'ß' to 'ss'); under RFC 7622 "
                + "'fußball@example.com' is another account: add an alias, or tell the user to type 'fussball'.")
    }

    @Test func aFinalSigmaAtTheEndOfAWordOnly() throws {
        let reason = try #require(Self.reason("σοφοσ@example.com", "typed-forms-lost"))
        #expect(
            reason.detail.hasPrefix("under RFC 6122 typing 'σοφος' reached 'σοφοσ' (Nodeprep folded final 'ς' to 'σ')"))
        // Each word's end: "σοφοσ.σοφοσ" gives each one alone, then both.
        let two = try #require(Self.reason("σοφοσ.σοφοσ@example.com", "typed-forms-lost"))
        #expect(two.detail.hasPrefix("under RFC 6122 typing 'σοφος.σοφοσ', 'σοφοσ.σοφος', 'σοφος.σοφος' reached"))
        // A sigma inside a word was never typed as a final sigma.
        #expect(Self.reason("σοφια@example.com", "typed-forms-lost") == nil)
    }

    @Test func theMicroSignIsNoLongerValid() throws {
        let reason = try #require(Self.reason("μ-meter@example.com", "typed-forms-lost"))
        #expect(reason.detail.contains("under RFC 7622 'µ-meter' is not valid"))
    }

    @Test func plainNamesHaveNoReason() {
        for name in ["alice@example.com", "jid.service@example.com", "δοκιμή@example.com", "用户@example.com"] {
            #expect(Self.checker.check(line: 1, name).reasons.isEmpty, "\(name)")
        }
    }

    @Test func aStoredNameThatIsNotItsOwnCanonicalForm() throws {
        let record = Self.checker.check(line: 1, "Alice@example.com")
        #expect(record.status == .unchanged)  // the same account under both RFCs, as typed
        let reason = try #require(record.reasons.first)
        #expect(reason.code == "stored-not-canonical")
        #expect(reason.part == .localpart)
        #expect(reason.detail.hasPrefix("stored as 'Alice@example.com', which is not its RFC 7622 canonical form "))
        #expect(Self.reason("alice@Example.COM", "stored-not-canonical")?.part == .domainpart)
        // Typed addresses are not stored names: no such reasons.
        #expect(MigrationChecker(mode: .stored).check(line: 1, "fussball@example.com").reasons.isEmpty)
        #expect(MigrationChecker(mode: .stored).check(line: 1, "Alice@example.com").reasons.isEmpty)
    }

    @Test func aUserNameWithAnAtSignIsCheckedByItsParts() {
        var batch = LineBatch()
        var splitter = LineSplitter(format: InputLayout(domain: "example.com"))
        let input = Array("a/b\nuser@evil.example\nalice\n".utf8)
        input.withUnsafeBufferPointer { try! splitter.feed($0, into: &batch) }
        try! splitter.finish(into: &batch)
        let result = MigrationChecker().process(batch, options: MigrationRecordOptions(compact: true))
        let lines = String(decoding: result.output, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        // "a/b@example.com" would be the domain "a" with a resource; as parts it is an invalid user name.
        #expect(lines[0].contains("\"input\":\"a/b@example.com\""))
        #expect(lines[0].contains("\"status\":\"invalid-both\""))
        #expect(lines[0].contains("\"part\":\"localpart\""))
        #expect(lines[1].contains("\"status\":\"invalid-both\""))
        #expect(
            lines[2]
                == "{\"line\":3,\"input\":\"alice@example.com\",\"status\":\"unchanged\",\"jid\":\"alice@example.com\"}"
        )
    }
}
