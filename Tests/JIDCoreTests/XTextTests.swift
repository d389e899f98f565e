import Foundation
import Testing

@testable import JIDCore

/// Go's golang.org/x/text secure/precis and secure/bidirule test tables.
struct XTextRecord: Decodable, CustomTestStringConvertible, Sendable {
    let input: String
    let input_encoding: String?
    let input_b: String?
    let profile: String?
    let kind: String?
    let group: String?
    let expected: String?
    let expected_equal: Bool?
    let output: String?
    let error: String?
    let direction: String?
    var testDescription: String { "\(profile ?? kind ?? "") \(group ?? "") \(input.debugDescription)" }

    var bytes: [UInt8] { input_encoding == nil ? Array(input.utf8) : JIDCoreTests.bytes(fromHex: input) }
}

@Suite struct XTextPrecisTests {
    static let records = Fixtures.decoded("x-text-precis.jsonl", as: XTextRecord.self)

    static func operation(_ record: XTextRecord) -> ((String) throws(PrecisError) -> String)? {
        switch record.profile {
        case "FreeformClass": PrecisStringClass.freeform.enforce
        case "IdentifierClass": PrecisStringClass.identifier.enforce
        case "UsernameCaseMapped": PrecisProfile.usernameCaseMapped.enforce
        case "UsernameCasePreserved": PrecisProfile.usernameCasePreserved.enforce
        case "OpaqueString": PrecisProfile.opaqueString.enforce
        case "Nickname": PrecisProfile.nickname.enforce
        default: nil
        }
    }

    /// Records where x/text reports `bidirule.ErrInvalid` for a string with no right-to-left character: x/text
    /// applies the Bidi Rule to every non-ASCII string, while RFC 8265 §3.3.1 rule 5 applies it only to strings
    /// that contain one. Both reject these strings; our reason is the disallowed code point itself.
    static let bidiOnLeftToRightExceptions: Set<String> = ["²", "♚", "⛖", "⛿", "\u{1680}", "\u{0488}"]

    @Test func allRecordsAreCovered() {
        #expect(Self.records.count == 200)
        let listed = Self.records.filter {
            $0.error == "bidirule.ErrInvalid" && Self.bidiOnLeftToRightExceptions.contains($0.input)
        }
        #expect(listed.count == Self.bidiOnLeftToRightExceptions.count)
        #expect(listed.allSatisfy { !BidiRule.containsRightToLeft(UnicodeText.scalars($0.input)) })
    }

    @Test(arguments: records.filter { $0.kind == nil && $0.group != "UsernameCaseMappedRestricted" })
    func enforcement(_ record: XTextRecord) throws {
        let operation = try #require(Self.operation(record))
        do {
            let output = try operation(record.input)
            #expect(
                record.expected == "valid", "accepted as \(output.debugDescription), expected \(record.error ?? "")")
            #expect(output == record.output)
        } catch {
            #expect(record.expected == "invalid", "rejected with \(error.precisIdentifier)")
            // x/text's error names, by the reason we give.
            switch error.reason {
            case .context: #expect(record.error == "errContext")
            case .empty: #expect(record.error == "errEmptyString")
            case .bidiRule: #expect(record.error == "bidirule.ErrInvalid")
            default:
                let expected =
                    Self.bidiOnLeftToRightExceptions.contains(record.input)
                    ? "bidirule.ErrInvalid" : "errDisallowedRune"
                #expect(record.error == expected)
            }
        }
    }

    /// x/text's NewRestrictedProfile(UsernameCaseMapped, disallow "@"): the extra rule is what RFC 7622 §3.3.1
    /// adds for localparts, so it is tested through the localpart.
    @Test(arguments: records.filter { $0.group == "UsernameCaseMappedRestricted" })
    func restrictedProfileIsTheLocalpartRule(_ record: XTextRecord) {
        let result = JID.parse(record.input + "@example.com")
        // A localpart cannot contain "@": the split puts everything after the first "@" in the domainpart.
        #expect((result.localpart != nil && result.isValid) == (record.expected == "valid"))
        if record.expected == "valid" { #expect(result.localpart == record.output) }
    }

    @Test(arguments: records.filter { $0.kind == "class-membership" })
    func classMembership(_ record: XTextRecord) {
        let allowed =
            (try? (record.profile == "IdentifierClass" ? PrecisStringClass.identifier : .freeform)
                .enforce(record.input)) != nil
        #expect(allowed == (record.expected == "valid"))
    }

    @Test(arguments: records.filter { $0.kind == "compare" })
    func nicknameComparison(_ record: XTextRecord) throws {
        let equal = try PrecisProfile.nickname.compare(record.input, record.input_b!)
        #expect(equal == record.expected_equal)
    }
}

@Suite struct XTextBidiRuleTests {
    static let records = Fixtures.decoded("x-text-bidirule.jsonl", as: XTextRecord.self)

    /// The raw RFC 5893 rule, applied to every string as x/text's bidirule package does; profiles apply it
    /// only to strings that contain a right-to-left character.
    @Test(arguments: records)
    func rawBidiRule(_ record: XTextRecord) {
        let scalars = record.bytes.withUnsafeBufferPointer { UnicodeText.scalars($0) }
        let valid = scalars.map { BidiRule.violation($0) == nil } ?? false
        #expect(valid == (record.expected == "valid"))
    }

    @Test func allRecordsAreCovered() { #expect(Self.records.count == 141) }
}
