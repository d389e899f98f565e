import Foundation
import Testing

@testable import JIDCore

struct StringprepRecord: Decodable, CustomTestStringConvertible, Sendable {
    let input: String
    let input_encoding: String?
    let profile: String?
    let kind: String?
    let expected: String
    let output: String?
    var testDescription: String { "\(profile ?? kind ?? "") \(input.prefix(40).debugDescription)" }

    var scalars: [UInt32]? {
        guard input_encoding != nil else { return UnicodeText.scalars(input) }
        return bytes(fromHex: input).withUnsafeBufferPointer { UnicodeText.scalars($0) }
    }

    var profileValue: StringprepProfile? {
        switch profile {
        case "Nameprep (RFC 3491)", "Nameprep": .nameprep
        case "Nodeprep (RFC 3920/6122)", "Nodeprep": .nodeprep
        case "Resourceprep (RFC 3920/6122)", "Resourceprep": .resourceprep
        default: nil
        }
    }
}

@Suite struct StringprepTests {
    static let ejabberd = Fixtures.decoded("stringprep-ejabberd.jsonl", as: StringprepRecord.self)
    static let aioxmpp = Fixtures.decoded("stringprep-aioxmpp.jsonl", as: StringprepRecord.self)

    /// Peer vectors we disagree with (keyed by profile and input), and why.
    static let exceptions: [String: String] = [
        // RFC 3454 B.2 (used by Nameprep and Nodeprep) maps U+2121 TELEPHONE SIGN to "tel", U+33C6 SQUARE C OVER
        // KG to "c∕kg" (lower-case c) and U+1D7BB MATHEMATICAL SANS-SERIF BOLD ITALIC SMALL FINAL SIGMA to σ; the
        // vector's upper-case "C" is wrong. (Resourceprep has no case mapping; its vector "TELC∕kgς" is right.)
        "nameprep|\u{2121}\u{33C6}\u{1D7BB}": "telc\u{2215}kg\u{3C3}",
        "nodeprep|\u{2121}\u{33C6}\u{1D7BB}": "telc\u{2215}kg\u{3C3}",
    ]

    static func exception(_ record: StringprepRecord) -> String? {
        record.profileValue.flatMap { exceptions["\($0)|\(record.input)"] }
    }

    @Test func fixturesAreComplete() {
        #expect(Self.ejabberd.count == 180)
        #expect(Self.aioxmpp.count == 42)
        // "ejabberd tolower" is ejabberd's own lower-casing helper, not a stringprep profile.
        #expect(Self.ejabberd.filter { $0.profileValue == nil }.count == 45)
    }

    @Test(arguments: ejabberd.filter { $0.profileValue != nil } + aioxmpp.filter { $0.profileValue != nil })
    func profileVector(_ record: StringprepRecord) throws {
        let profile = try #require(record.profileValue)
        guard let scalars = record.scalars else {
            #expect(record.expected == "invalid")  // ill-formed UTF-8
            return
        }
        let expectedOutput = Self.exception(record) ?? record.output
        do {
            let output = UnicodeText.string(try profile.prepare(scalars, mode: .stored))
            #expect(record.expected == "valid", "accepted as \(output.debugDescription)")
            #expect(output == expectedOutput)
        } catch {
            #expect(record.expected == "invalid", "rejected: \(error)")
        }
    }

    @Test func theExceptionIsRealAndStillDiffersFromThePeer() throws {
        let listed = Self.ejabberd.filter { Self.exception($0) != nil }
        #expect(listed.count == Self.exceptions.count)
        #expect(listed.allSatisfy { $0.output != Self.exception($0) })
    }

    @Test(arguments: aioxmpp.filter { $0.kind == "jid" })
    func legacyAddress(_ record: StringprepRecord) {
        let result = LegacyJIDParser(mode: .stored).parse(record.input)
        #expect(result.isValid == (record.expected == "valid"), "\(result.errors.map(\.code))")
        if let output = record.output { #expect(result.jid?.description == output) }
    }

    @Test func queryModeAllowsWhatStoredModeRejectsAsUnassigned() throws {
        #expect(throws: StringprepFailure.unassigned) {
            try StringprepProfile.nodeprep.prepare([0x0221], mode: .stored)
        }
        #expect(try StringprepProfile.nodeprep.prepare([0x0221], mode: .query) == [0x0221])
        #expect(!LegacyJIDParser(mode: .stored).parse("😁@example.com").isValid)
        #expect(LegacyJIDParser(mode: .query).parse("😁@example.com").isValid)
    }

    @Test func legacyErrorsNameTheCodePoint() throws {
        // U+265A is assigned in Unicode 3.2 and allowed by Nodeprep, unlike in RFC 7622.
        #expect(LegacyJIDParser(mode: .stored).parse("a♚@example.com").isValid)
        let prohibited = try #require(LegacyJIDParser(mode: .stored).parse("a b@example.com").errors.first)
        #expect(prohibited.code.rawValue == "localpart.prohibited-codepoint")
        #expect(prohibited.offset == 1)
        #expect(prohibited.codePoint == " ")
        let unassigned = try #require(LegacyJIDParser(mode: .stored).parse("ab😁@example.com").errors.first)
        #expect(unassigned.code.rawValue == "localpart.unassigned-codepoint")
        #expect(unassigned.offset == 2)
    }
}
