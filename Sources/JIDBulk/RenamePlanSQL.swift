public import JIDCore

/// The statements that carry out a rename plan in a server's SQL storage, for review: `jid` never runs them.
public enum RenamePlanSQL {
    public enum Schema: Sendable {
        /// Prosody's mod_storage_sql: `prosody` (host, user, store, key, …) holds every per-user store, roster
        /// items keyed by the contact's JID; `prosodyarchive` holds message archives.
        case prosody
        /// ejabberd's schema; `multiHost` when its tables have `server_host`.
        case ejabberd(multiHost: Bool)
    }

    /// One transaction of statements per renamed account (`old` and `new` split at their last "@"); entries
    /// without a proposed name, or whose names cannot be written as SQL text (a NUL byte), are comments.
    public static func statements(for plan: RenamePlan, schema: Schema) -> String {
        var all = ""
        write(plan, schema: schema) { all += $0 }
        return all
    }

    /// ``statements(for:schema:)`` handed out a piece at a time (the header, then each account's statements), so
    /// that a large plan is written without being held whole.
    public static func write(
        _ plan: RenamePlan, schema: Schema, to output: (String) throws -> Void
    ) rethrows {
        try output(
            """
            -- Rename plan: review before running; nothing here has been run.
            -- Each account is renamed in its own transaction; run it while the server is stopped.

            """)
        for entry in plan.entries {
            var text = ""
            text += "\n-- line \(entry.line): \(comment(entry.old)) -> \(comment(entry.new ?? "(none)")): "
            text += comment(entry.reason) + "\n"
            guard let new = entry.new, let old = split(entry.old), let renamed = split(new),
                !entry.old.utf8.contains(0), old.host == renamed.host
            else {
                text += "-- no statement: decide this account by hand\n"
                try output(text)
                continue
            }
            let user = literal(old.user)
            let newUser = literal(renamed.user)
            let host = literal(old.host)
            let jid = literal(old.user + "@" + old.host)
            let newJID = literal(renamed.user + "@" + old.host)
            text += "BEGIN;\n"
            switch schema {
            case .prosody:
                text += "UPDATE prosody SET \"user\" = \(newUser) WHERE host = \(host) AND \"user\" = \(user);\n"
                text += "UPDATE prosody SET \"key\" = \(newJID) WHERE store = 'roster' AND \"key\" = \(jid);\n"
                text += "UPDATE prosodyarchive SET \"user\" = \(newUser) WHERE host = \(host) AND \"user\" = \(user);\n"
                text += "UPDATE prosodyarchive SET \"with\" = \(newJID) WHERE \"with\" = \(jid);\n"
            case .ejabberd(let multiHost):
                let onHost = multiHost ? " AND server_host = \(host)" : ""
                for table in [
                    "users", "last", "rosterusers", "rostergroups", "vcard", "private_storage", "spool",
                    "archive", "privacy_default_list", "privacy_list",
                ] {
                    text += "UPDATE \(table) SET username = \(newUser) WHERE username = \(user)\(onHost);\n"
                }
                text +=
                    "UPDATE vcard_search SET username = \(newUser), lusername = \(newUser) "
                    + "WHERE username = \(user)\(onHost);\n"
                text += "UPDATE rosterusers SET jid = \(newJID) WHERE jid = \(jid);\n"
                text += "UPDATE rostergroups SET jid = \(newJID) WHERE jid = \(jid);\n"
                text += "UPDATE archive SET bare_peer = \(newJID) WHERE bare_peer = \(jid);\n"
                text += "UPDATE sr_user SET jid = \(newJID) WHERE jid = \(jid);\n"
            }
            text += "COMMIT;\n"
            try output(text)
        }
    }

    static func split(_ jid: String) -> (user: String, host: String)? {
        guard let at = jid.utf8.lastIndex(of: UInt8(ascii: "@")) else { return nil }
        return (String(jid[..<at]), String(jid[jid.utf8.index(after: at)...]))
    }

    /// An SQL string literal: quotes doubled (standard SQL, as SQLite and PostgreSQL read it).
    static func literal(_ text: String) -> String {
        "'" + text.replacingQuotes + "'"
    }

    /// Text for a comment: one line.
    static func comment(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }
}

extension String {
    fileprivate var replacingQuotes: String {
        var result = ""
        for character in self {
            if character == "'" { result += "''" } else { result.append(character) }
        }
        return result
    }
}
