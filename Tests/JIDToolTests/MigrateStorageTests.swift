import Foundation
import Testing

/// `jid migrate --from`: accounts made by the real servers' own tools, read back from their storage. Prosody's
/// `prosodyctl register` writes file storage and, through mod_storage_sql, SQLite; ejabberd's published schema is
/// loaded into the PostgreSQL that `Lab/postgres.sh run` starts. `JID_REQUIRE_LAB=1` makes a missing Prosody or
/// Chromium a failure, `JID_REQUIRE_POSTGRES=1` a missing PostgreSQL.
@Suite(.serialized) struct MigrateStorageTests {
    static let requireLab = ProcessInfo.processInfo.environment["JID_REQUIRE_LAB"] == "1"
    static let prosodyctl = "/usr/bin/prosodyctl"
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static func records(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    static func detail(_ record: [String: Any], _ code: String) -> String? {
        (record["reasons"] as? [[String: Any]])?.first { $0["code"] as? String == code }?["detail"] as? String
    }

    /// A Prosody configuration of its own: one host on file storage, one on SQLite through mod_storage_sql.
    static func prosody(in directory: URL) throws -> String {
        let data = directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("certs"), withIntermediateDirectories: true)
        // prosodyctl run as root works as the prosody user, which must be able to write here.
        chmod(data.path, 0o777)
        let config = directory.appendingPathComponent("prosody.cfg.lua")
        try """
        data_path = "\(data.path)"
        pidfile = "\(directory.path)/prosody.pid"
        log = { error = "\(directory.path)/prosody.err" }
        VirtualHost "files.example"
          storage = "internal"
        VirtualHost "sql.example"
          storage = "sql"
          sql = { driver = "SQLite3", database = "prosody.sqlite" }
        """.write(to: config, atomically: true, encoding: .utf8)
        return config.path
    }

    @Test func prosodyAccountsAreReadBackFromFileAndSQLStorageWithTheirHosts() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.prosodyctl) else {
            #expect(!Self.requireLab, "JID_REQUIRE_LAB=1 but prosodyctl is not installed")
            return
        }
        let directory = try MigrateCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try Self.prosody(in: directory)
        // mod_storage_sql creates its table on upgrade (it asks first).
        let upgrade = try StoreCommandTests.run(
            "/bin/sh", ["-c", "echo y | \(Self.prosodyctl) --config '\(config)' mod_storage_sql upgrade"])
        #expect(upgrade.status == 0, "\(upgrade.output)\(upgrade.error)")
        let accounts = [
            ("Fußball", "files.example"), ("alice", "files.example"), ("Ǆemal", "files.example"),
            ("henriⅣ", "files.example"), ("σοφος", "sql.example"), ("Alice", "sql.example"),
            ("µ-meter", "sql.example"), ("Straße", "sql.example"),
        ]
        for (user, host) in accounts {
            let registered = try StoreCommandTests.run(
                Self.prosodyctl, ["--config", config, "register", user, host, "secret-\(user.count)"])
            #expect(registered.status == 0, "\(user)@\(host): \(registered.output)\(registered.error)")
        }
        let output = directory.appendingPathComponent("files.jsonl").path
        let files = try JIDExecutable.run([
            "migrate", "--from", "prosody-files", directory.appendingPathComponent("data").path, "-o", output,
        ])
        #expect(files.status == 0, "\(files.error)")
        #expect(files.error.contains("read 4 accounts of 1 hosts from prosody-files"))
        let fromFiles = try Self.records(output)
        // What Nodeprep stored (ß folded, Ǆ folded and decomposed, Ⅳ decomposed and lower-cased), in file order.
        #expect(
            fromFiles.map { $0["input"] as? String } == [
                "alice@files.example", "džemal@files.example", "fussball@files.example", "henriiv@files.example",
            ])
        #expect(fromFiles.map { $0["line"] as? Int } == [1, 2, 3, 4])
        #expect(
            Self.detail(fromFiles[2], "typed-forms-lost")?.hasPrefix(
                "under RFC 6122 typing 'fußball' reached 'fussball'")
                == true)
        #expect(fromFiles[0].keys.sorted() == ["input", "jid", "line", "status"])  // compact: unchanged, no reason

        let sqlOutput = directory.appendingPathComponent("sql.jsonl").path
        let sqlite = directory.appendingPathComponent("data/prosody.sqlite").path
        let sql = try JIDExecutable.run(["migrate", "--from", "prosody-sql", "sqlite:" + sqlite, "-o", sqlOutput])
        #expect(sql.status == 0, "\(sql.error)")
        let fromSQL = try Self.records(sqlOutput)
        #expect(
            fromSQL.map { $0["input"] as? String } == [
                "alice@sql.example", "strasse@sql.example", "μ-meter@sql.example", "σοφοσ@sql.example",
            ])
        #expect(Self.detail(fromSQL[3], "typed-forms-lost")?.contains("typing 'σοφος' reached 'σοφοσ'") == true)
        #expect(Self.detail(fromSQL[2], "typed-forms-lost")?.contains("'µ-meter' is not valid") == true)
        // One host only; and a host that is not there.
        let one = try JIDExecutable.run([
            "migrate", "--from", "prosody-files", directory.appendingPathComponent("data").path, "--domain",
            "nowhere.example",
        ])
        #expect(one.status == 1)
        #expect(one.error.contains("holds no accounts of nowhere.example"))
    }

    @Test func ejabberdAccountsAreReadFromItsPublishedSchemaInPostgreSQL() throws {
        guard let server = StoreCommandTests.postgresURL else {
            #expect(
                ProcessInfo.processInfo.environment["JID_REQUIRE_POSTGRES"] != "1",
                "JID_REQUIRE_POSTGRES=1 but JID_TEST_DATABASE_URL is not set")
            return
        }
        let schemas = "/usr/share/ejabberd/sql"
        guard FileManager.default.fileExists(atPath: "\(schemas)/pg.new.sql") else {
            #expect(!Self.requireLab, "JID_REQUIRE_LAB=1 but ejabberd's SQL schemas are not installed")
            return
        }
        _ = server
        let directory = try MigrateCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        // The multi-host schema: server_host in every table.
        let database = try #require(try StoreCommandTests.newDatabase())
        let load = try StoreCommandTests.run(
            "/usr/bin/psql", [database, "-q", "-v", "ON_ERROR_STOP=1", "-f", "\(schemas)/pg.new.sql"])
        #expect(load.status == 0, "\(load.error)")
        let users = [
            ("fussball", "chat.example"), ("σοφοσ", "chat.example"), ("Alice", "chat.example"),
            ("alice", "chat.example"), ("i♥xmpp", "chat.example"), ("bob", "other.example"),
        ]
        let values = users.map { "('\($0.0)', '\($0.1)', 'x')" }.joined(separator: ", ")
        let insert = try StoreCommandTests.run(
            "/usr/bin/psql",
            [
                database, "-q", "-v", "ON_ERROR_STOP=1", "-c",
                "INSERT INTO users (username, server_host, password) VALUES \(values)",
            ])
        #expect(insert.status == 0, "\(insert.error)")
        let output = directory.appendingPathComponent("out.jsonl").path
        let plan = directory.appendingPathComponent("plan.csv").path
        let sql = directory.appendingPathComponent("rename.sql").path
        let report = directory.appendingPathComponent("report.html").path
        let run = try JIDExecutable.run([
            "migrate", "--from", "ejabberd-sql", database, "--keep", "created_at", "-o", output, "--plan", plan,
            "--plan-sql", sql, "--report", report,
        ])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.error.contains("read 6 accounts of 2 hosts from ejabberd-sql"))
        let records = try Self.records(output)
        #expect(
            records.map { $0["input"] as? String } == [
                "Alice@chat.example", "alice@chat.example", "fussball@chat.example", "i♥xmpp@chat.example",
                "σοφοσ@chat.example", "bob@other.example",
            ])
        #expect(records.allSatisfy { (($0["columns"] as? [String: String])?["created_at"]?.count ?? 0) >= 19 })
        #expect(records[0]["status"] as? String == "unchanged")
        #expect(Self.detail(records[0], "stored-not-canonical") != nil)
        #expect(records[3]["status"] as? String == "newly-invalid")  // Nodeprep allowed the symbol; RFC 7622 does not
        #expect(Self.detail(records[4], "typed-forms-lost") != nil)
        let planRows = try String(contentsOfFile: plan, encoding: .utf8).components(separatedBy: "\r\n")
        #expect(planRows[0] == "old,new,reason")
        #expect(planRows[1].hasPrefix("Alice@chat.example,alice-2@chat.example,"))
        #expect(planRows[2].hasPrefix("i♥xmpp@chat.example,ixmpp@chat.example,"))
        #expect(planRows.count == 4)
        let statements = try String(contentsOfFile: sql, encoding: .utf8)
        #expect(
            statements.contains(
                "UPDATE users SET username = 'alice-2' WHERE username = 'Alice' AND server_host = 'chat.example';"))
        // The statements run as they are on the schema they were written for (here, then rolled back).
        let check = try StoreCommandTests.run(
            "/bin/sh",
            [
                "-c",
                "(echo 'BEGIN;'; sed -e 's/^BEGIN;$//' -e 's/^COMMIT;$//' '\(sql)'; echo 'ROLLBACK;') "
                    + "| /usr/bin/psql '\(database)' -q -v ON_ERROR_STOP=1",
            ])
        #expect(check.status == 0, "\(check.error)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<td>unchanged</td>"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))

        // The single-host schema stores no host: --domain gives it.
        let single = try #require(try StoreCommandTests.newDatabase())
        let loadSingle = try StoreCommandTests.run(
            "/usr/bin/psql", [single, "-q", "-v", "ON_ERROR_STOP=1", "-f", "\(schemas)/pg.sql"])
        #expect(loadSingle.status == 0, "\(loadSingle.error)")
        _ = try StoreCommandTests.run(
            "/usr/bin/psql", [single, "-qc", "INSERT INTO users (username, password) VALUES ('fussball', 'x')"])
        let withoutHost = try JIDExecutable.run(["migrate", "--from", "ejabberd-sql", single])
        #expect(withoutHost.status == 1)
        #expect(withoutHost.error.contains("give the host with --domain"))
        let withHost = try JIDExecutable.run(["migrate", "--from", "ejabberd-sql", single, "--domain", "chat.example"])
        #expect(withHost.status == 0, "\(withHost.error)")
        #expect(withHost.output.contains("\"input\":\"fussball@chat.example\""))
    }

    /// ejabberd's SQLite schemas (`lite.new.sql`, `lite.sql`), loaded with Python's sqlite3 module, and the SQL plan
    /// run against them (then rolled back) by the same module.
    @Test func ejabberdAccountsAreReadFromItsPublishedSchemaInSQLite() throws {
        let schemas = "/usr/share/ejabberd/sql"
        guard FileManager.default.fileExists(atPath: "\(schemas)/lite.new.sql") else {
            #expect(!Self.requireLab, "JID_REQUIRE_LAB=1 but ejabberd's SQL schemas are not installed")
            return
        }
        let directory = try MigrateCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func load(_ schema: String, _ insert: String) throws -> String {
            let path = directory.appendingPathComponent("\(schema).sqlite").path
            let python = try StoreCommandTests.run(
                "/usr/bin/python3",
                [
                    "-c",
                    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                        + "c.executescript(open(sys.argv[2]).read()); c.execute(sys.argv[3]); c.commit()",
                    path, "\(schemas)/\(schema)", insert,
                ])
            #expect(python.status == 0, "\(python.error)")
            return path
        }
        let multi = try load(
            "lite.new.sql",
            "INSERT INTO users (username, server_host, password) VALUES ('σοφοσ', 'b.example', 'x'), "
                + "('i♥xmpp', 'a.example', 'x'), ('fussball', 'a.example', 'x')")
        let sql = directory.appendingPathComponent("rename.sql").path
        let run = try JIDExecutable.run([
            "migrate", "--from", "ejabberd-sql", "sqlite:" + multi, "--keep", "created_at", "--plan-sql", sql,
        ])
        #expect(run.status == 0, "\(run.error)")
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains("\"input\":\"fussball@a.example\""))
        #expect(lines[1].contains("\"input\":\"i♥xmpp@a.example\""))
        #expect(lines[2].contains("\"input\":\"σοφοσ@b.example\""))
        #expect(lines.allSatisfy { $0.contains("\"columns\":{\"created_at\":\"") })
        // The statements run on the schema they were written for.
        let check = try StoreCommandTests.run(
            "/usr/bin/python3",
            [
                "-c",
                "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
                    + "c.executescript(open(sys.argv[2]).read()); "
                    + "print(c.execute(\"SELECT username FROM users WHERE server_host = 'a.example' ORDER BY 1\").fetchall())",
                multi, sql,
            ])
        #expect(check.status == 0, "\(check.error)")
        #expect(check.output == "[('fussball',), ('ixmpp',)]\n")
        let single = try load("lite.sql", "INSERT INTO users (username, password) VALUES ('Alice', 'x')")
        let plan = directory.appendingPathComponent("plan.csv").path
        let withHost = try JIDExecutable.run([
            "migrate", "--from", "ejabberd-sql", single, "--domain", "chat.example", "--plan", plan,
            "--plan-sql", sql,
        ])
        #expect(withHost.status == 0, "\(withHost.error)")
        #expect(withHost.output.contains("\"input\":\"Alice@chat.example\""))
        #expect(
            try String(contentsOfFile: plan, encoding: .utf8)
                == "old,new,reason\r\nAlice@chat.example,alice@chat.example,stored-not-canonical: RFC 7622 looks "
                + "the account up as 'alice@chat.example'\r\n")
        // The single-host schema has no server_host column: the statements must not name it, and they run.
        let singleSQL = try String(contentsOfFile: sql, encoding: .utf8)
        #expect(singleSQL.contains("UPDATE users SET username = 'alice' WHERE username = 'Alice';"))
        #expect(!singleSQL.contains("server_host"))
        let applied = try StoreCommandTests.run(
            "/usr/bin/python3",
            [
                "-c",
                "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
                    + "c.executescript(open(sys.argv[2]).read()); "
                    + "print(c.execute(\"SELECT username FROM users ORDER BY 1\").fetchall())",
                single, sql,
            ])
        #expect(applied.status == 0, "\(applied.error)")
        #expect(applied.output == "[('alice',)]\n")
    }

    @Test func theHTMLReportOpensInABrowserWithoutNetworkAndShowsTheTotals() throws {
        guard let chromium = Self.chromium else {
            #expect(!Self.requireLab, "JID_REQUIRE_LAB=1 but Chromium is not installed")
            return
        }
        let directory = try MigrateCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("accounts.txt")
        try RenamePlanCorpus.lines.joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
        let report = directory.appendingPathComponent("report.html").path
        let run = try JIDExecutable.run([
            "migrate", input.path, "-o", "/dev/null", "--plan", directory.appendingPathComponent("plan.csv").path,
            "--report", report,
        ])
        #expect(run.status == 0, "\(run.error)")
        // Every request would go to a proxy that is not there: the page must not need one.
        let dom = try StoreCommandTests.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--proxy-server=http://127.0.0.1:9",
                "--user-data-dir=\(directory.path)/profile", "--dump-dom", "file://\(report)",
            ])
        #expect(dom.status == 0, "\(dom.error)")
        #expect(dom.output.contains("<h2 id=\"totals\">Totals</h2>"))
        #expect(dom.output.contains("<tr><td>newly-invalid</td>"))
        #expect(dom.output.contains("\(RenamePlanCorpus.lines.count) lines"))
        #expect(dom.output.contains("ß-3@example.com"))
    }

    @Test func storageThatCannotBeReadIsAClearErrorAndNothingIsCreated() throws {
        let directory = try MigrateCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("prosody.sqlite").path
        let noFile = try JIDExecutable.run(["migrate", "--from", "prosody-sql", "sqlite:" + missing])
        #expect(noFile.status == 1)
        #expect(noFile.error.contains("no SQLite file at \(missing)"))
        #expect(!FileManager.default.fileExists(atPath: missing))
        let started = ContinuousClock.now
        let refused = try JIDExecutable.run(["migrate", "--from", "ejabberd-sql", "postgres://jid@127.0.0.1:1/x"])
        #expect(refused.status == 1)
        #expect(
            refused.error.hasPrefix("error: cannot reach PostgreSQL at 127.0.0.1:1 within 10 s"), "\(refused.error)")
        #expect(ContinuousClock.now - started < .seconds(20))
        let notProsody = try JIDExecutable.run(["migrate", "--from", "prosody-files", directory.path])
        #expect(notProsody.status == 1)
        #expect(notProsody.error.contains("holds no host directory with accounts (HOST/accounts/USER.dat)"))
    }

    @Test func userNamesAtADomainColumnsKeptAndTheUserNameWarning() throws {
        let directory = try MigrateCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let names = directory.appendingPathComponent("names.txt")
        try "alice\nFußball\nbob\n".write(to: names, atomically: true, encoding: .utf8)
        let unqualified = try JIDExecutable.run(["migrate", names.path])
        #expect(unqualified.error.contains("warning: 3 of 3 lines look like user names"))
        let qualified = try JIDExecutable.run(["migrate", names.path, "--domain", "chat.example"])
        #expect(!qualified.error.contains("warning"))
        #expect(qualified.output.hasPrefix("{\"line\":1,\"input\":\"alice@chat.example\",\"status\":\"unchanged\","))
        let table = directory.appendingPathComponent("users.csv")
        try "id,username,host,created\r\n7,alice,chat.example,2019-01-01\r\n8,\"x,y\",chat.example,2020\r\n".write(
            to: table, atomically: true, encoding: .utf8)
        let columns = try JIDExecutable.run([
            "migrate", table.path, "--localpart-column", "username", "--domain-column", "host", "--keep", "id,created",
        ])
        #expect(columns.status == 0, "\(columns.error)")
        let lines = columns.output.split(separator: "\n")
        #expect(
            lines[0]
                == "{\"line\":2,\"input\":\"alice@chat.example\",\"status\":\"unchanged\",\"jid\":\"alice@chat.example\",\"columns\":{\"id\":\"7\",\"created\":\"2019-01-01\"}}"
        )
        #expect(lines[1].hasSuffix(",\"columns\":{\"id\":\"8\",\"created\":\"2020\"}}"))
        let full = try JIDExecutable.run([
            "migrate", table.path, "--localpart-column", "username", "--domain", "chat.example", "--keep", "id",
            "--records", "full", "--format", "csv",
        ])
        #expect(full.status == 0, "\(full.error)")
        #expect(
            full.output.hasPrefix(
                "line,input,status,rfc6122_valid,rfc6122_jid,rfc7622_valid,rfc7622_jid,reasons,id\r\n"))
        #expect(
            full.output.contains(
                "\r\n2,alice@chat.example,unchanged,true,alice@chat.example,true,alice@chat.example,,7\r\n"))
        let both = try JIDExecutable.run(["migrate", table.path, "--localpart-column", "username"])
        #expect(both.status == 64 || both.status == 2)
        #expect(both.error.contains("a user-name column needs either a domain column or a domain"))
    }
}

/// The collision corpus the plan tests use.
enum RenamePlanCorpus {
    static let lines = [
        "Fußball@example.com", "fussball@example.com", "FUSSBALL@example.com", "juliet@example.com",
        "ẞ@example.com", "ß@example.com", "ß-2@example.com", "henriⅣ@example.com", "henriiv@example.com",
    ]
}
