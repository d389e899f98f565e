import Foundation
import JIDStore
import Testing

/// The embedded store's schema steps on a database an earlier release wrote: nothing is lost on the way up.
@Suite struct SchemaMigrationTests {
    /// A version-2 database (names in a rowid table, pins), written with Python's sqlite3 as that release's
    /// schema had it, migrated by opening it.
    @Test func aVersionTwoDatabaseKeepsEveryNameAndChange() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jid-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        let script = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.executescript('''
            CREATE TABLE schema_version (version INTEGER NOT NULL);
            INSERT INTO schema_version VALUES (1), (2);
            CREATE TABLE registry_names (name TEXT PRIMARY KEY NOT NULL, seq INTEGER NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX registry_names_seq ON registry_names (seq);
            CREATE TABLE tls_pins (id INTEGER PRIMARY KEY AUTOINCREMENT, domain TEXT NOT NULL, service TEXT NOT NULL,
                cert_sha256 TEXT NOT NULL, spki_sha256 TEXT NOT NULL, not_after INTEGER NOT NULL,
                authenticated INTEGER NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL);
            CREATE INDEX tls_pins_domain ON tls_pins (domain, service, id);
            INSERT INTO registry_names VALUES ('romeo', 1, 0), ('juliet', 2, 0), ('tybalt', 3, 1), ('apple', 4, 0);
            INSERT INTO tls_pins (domain, service, cert_sha256, spki_sha256, not_after, authenticated, first_seen,
                last_seen) VALUES ('example.org', 'xmpp-client', 'c1', 'k1', 1900000000, 1, 100, 200);
            ''')
            c.commit()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let store = try await SQLiteStore.open(path: path)
        try await store.migrate()
        #expect(try await store.count() == 3)
        #expect(try await store.lastChange() == 4)
        let all = ExportedNames()
        try await store.forEachName { all.append($0) }
        #expect(all.names == ["apple", "juliet", "romeo"])
        #expect(try await store.changes(after: 1, limit: 10).map(\.name) == ["juliet", "tybalt", "apple"])
        #expect(try await store.add(["juliet", "mercutio"]) == 1)
        #expect(try await store.lastChange() > 4)
        #expect(try await store.pins(domain: "example.org").map(\.firstSeen) == [100])
        try await store.migrate()  // again: nothing to do
        #expect(try await store.count() == 4)
        await store.close()
    }
}
