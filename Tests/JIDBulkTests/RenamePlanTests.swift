import Foundation
import JIDBulk
import JIDCore
import Testing

/// The rename plan, checked against the whole input: every proposed name valid, canonical, and taken by no input
/// and no other proposal; every merge group left with one account under the shared name.
@Suite struct RenamePlanTests {
    static func run(_ lines: [String], stored: Bool) throws -> MigrationEngine.Outcome {
        var options = MigrationOptions(stored: stored, threads: 2)
        options.plan = true
        let input = Array(lines.joined(separator: "\n").utf8) + [0x0A]
        return try MigrationEngine(options: options).run(source: MemorySource(input), records: MemorySink())
    }

    static func expectConflictFree(_ outcome: MigrationEngine.Outcome, _ lines: [String]) throws {
        let plan = try #require(outcome.plan)
        let existing = Set(lines.compactMap { JID.parse($0).jid?.bare.description })
        var proposed: Set<String> = []
        let renamed = Set(plan.entries.map(\.line))
        for entry in plan.entries {
            let new = try #require(entry.new, "line \(entry.line) '\(entry.old)': \(entry.reason)")
            let jid = try #require(JID.parse(new).jid, "\(new) is not valid")
            #expect(jid.description == new, "\(new) is not its own canonical form")
            #expect(proposed.insert(new).inserted, "\(new) is proposed twice")
            // Taken by no input that keeps its name.
            let holders = lines.indices.filter { JID.parse(lines[$0]).jid?.bare.description == new }
            #expect(holders.allSatisfy { renamed.contains($0 + 1) || $0 + 1 == entry.line }, "\(new) is taken")
            if !entry.reason.hasPrefix("stored-not-canonical") { #expect(!existing.contains(new), "\(new) exists") }
        }
        for group in outcome.collisions where group.kind == .merge {
            #expect(group.lines.filter { !renamed.contains($0) }.count == 1, "\(group) keeps one name")
        }
    }

    /// The collision corpus of the migration tests, with the names a naive plan would propose already taken.
    static let collisionCorpus = [
        "Fußball@example.com", "fussball@example.com", "FUSSBALL@example.com",
        "juliet@example.com", "Juliet@example.com/balcony",
        "ẞ@example.com", "ß@example.com",
        "ᏚᎢᎵᎬᎢᎬᏒ@example.com", "ꮪꭲꮅꭼꭲꭼꮢ@example.com",
        "a@faß.de", "a@fass.de",
        "henriⅣ@example.com", "henriiv@example.com",
        "romeo@example.com/📱", "romeo@example.com",
        "ß-2@example.com", "ꮪꭲꮅꭼꭲꭼꮢ-2@example.com", "i♥xmpp@example.com", "ixmpp@example.com",
    ]

    @Test func thePlanOnTheCollisionCorpusIsConflictFree() throws {
        let outcome = try Self.run(Self.collisionCorpus, stored: false)
        try Self.expectConflictFree(outcome, Self.collisionCorpus)
        let plan = try #require(outcome.plan)
        let byLine = Dictionary(uniqueKeysWithValues: plan.entries.map { ($0.line, $0) })
        #expect(byLine[6]?.new == "ß-3@example.com")  // ẞ (invalid under RFC 6122) gives way to ß, ß-2 is taken
        #expect(byLine[8]?.new == "ꮪꭲꮅꭼꭲꭼꮢ-3@example.com")
        #expect(byLine[12]?.new == "henriiv-2@example.com")  // newly invalid; henriiv is taken
        #expect(byLine[18]?.new == "ixmpp-2@example.com")
        #expect(plan.entries.count == 4, "\(plan.entries)")
        let csv = String(decoding: plan.csv, as: UTF8.self)
        #expect(csv.hasPrefix("old,new,reason\r\nẞ@example.com,ß-3@example.com,\"merge: becomes 'ß@example.com'"))
    }

    @Test func storedNamesThatAreNotCanonicalAreRenamedToAFreeName() throws {
        let lines = [
            "Alice@example.com", "alice@example.com", "Bob@example.com", "i♥xmpp@example.com", "carol@example.com",
            "abא@example.com",  // left-to-right and right-to-left letters: invalid under both, nothing typeable
        ]
        let outcome = try Self.run(lines, stored: true)
        try Self.expectConflictFree(outcome, lines)
        let entries = try #require(outcome.plan).entries
        #expect(
            entries.map(\.old) == ["Alice@example.com", "Bob@example.com", "i♥xmpp@example.com", "abא@example.com"])
        #expect(
            entries.map(\.new) == ["alice-2@example.com", "bob@example.com", "ixmpp@example.com", "ab@example.com"])
    }

    @Test func sqlStatementsRenameTheAccountAndTheRosterRowsThatNameIt() throws {
        let lines = ["o'brien@example.com", "i♥xmpp@example.com"]
        let outcome = try Self.run(lines, stored: true)
        let plan = try #require(outcome.plan)
        let prosody = RenamePlanSQL.statements(for: plan, schema: .prosody)
        #expect(
            prosody.contains(
                "UPDATE prosody SET \"user\" = 'ixmpp' WHERE host = 'example.com' AND \"user\" = 'i♥xmpp';"))
        #expect(
            prosody.contains(
                "UPDATE prosody SET \"key\" = 'ixmpp@example.com' WHERE store = 'roster' AND \"key\" = 'i♥xmpp@example.com';"
            ))
        let ejabberd = RenamePlanSQL.statements(for: plan, schema: .ejabberd(multiHost: true))
        #expect(
            ejabberd.contains(
                "UPDATE users SET username = 'ixmpp' WHERE username = 'i♥xmpp' AND server_host = 'example.com';"))
        #expect(
            ejabberd.contains("UPDATE rosterusers SET jid = 'ixmpp@example.com' WHERE jid = 'i♥xmpp@example.com';"))
        // An apostrophe is prohibited by Nodeprep (RFC 6122 Appendix A.5) and excluded by RFC 7622 §3.3.1: invalid
        // under both, and as a stored name renamed, with its quote doubled in the SQL literal.
        #expect(ejabberd.contains("WHERE username = 'o''brien'"))
    }
}
