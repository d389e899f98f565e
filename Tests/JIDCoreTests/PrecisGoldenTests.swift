import Foundation
import Testing

@testable import JIDCore

/// precis-i18n's golden vectors (Fixtures/precis-golden.jsonl): 317 inputs × 11 profiles.
struct GoldenRecord: Decodable, CustomTestStringConvertible, Sendable {
    let input: String
    let profile: String
    let expected: String
    let output: String?
    let error: String?
    var testDescription: String { "\(profile) \(input.debugDescription)" }
}

/// How each golden profile maps onto ours; the `:CaseFold` variants use Unicode case folding, which no profile
/// we implement does (RFC 8265 §3.3.1 specifies toLowerCase), so those records are not ours to test.
func goldenOperation(_ profile: String) -> ((String) throws(PrecisError) -> String)? {
    switch profile {
    case "UsernameCaseMapped", "UsernameCaseMapped:ToLower": PrecisProfile.usernameCaseMapped.enforce
    case "UsernameCasePreserved": PrecisProfile.usernameCasePreserved.enforce
    case "OpaqueString": PrecisProfile.opaqueString.enforce
    case "NicknameCasePreserved": PrecisProfile.nickname.enforce
    // precis-i18n's NicknameCaseMapped applies the case mapping that RFC 8266 §2.4 reserves for comparison.
    case "NicknameCaseMapped", "NicknameCaseMapped:ToLower": PrecisProfile.nickname.comparisonForm
    case "IdentifierClass": PrecisStringClass.identifier.enforce
    case "FreeFormClass": PrecisStringClass.freeform.enforce
    default: nil
    }
}

@Suite struct PrecisGoldenTests {
    static let records = Fixtures.decoded("precis-golden.jsonl", as: GoldenRecord.self)
        .filter { goldenOperation($0.profile) != nil }

    @Test func theFixtureHasTheExpectedShape() {
        let all = Fixtures.lines("precis-golden.jsonl")
        let decodable = Fixtures.decoded("precis-golden.jsonl", as: GoldenRecord.self)
        #expect(all.count == 3575)
        #expect(all.count - decodable.count == 22)  // the lone-surrogate records, tested below
        // the :CaseFold records (2 × 325), less their 4 lone-surrogate ones
        #expect(decodable.filter { goldenOperation($0.profile) == nil }.count == 2 * 325 - 4)
    }

    @Test(arguments: records)
    func goldenVector(_ record: GoldenRecord) throws {
        let operation = try #require(goldenOperation(record.profile))
        do {
            let output = try operation(record.input)
            #expect(
                record.expected == "valid", "accepted as \(output.debugDescription), expected \(record.error ?? "")")
            #expect(output == record.output)
        } catch {
            #expect(record.expected == "invalid", "rejected with \(error.precisIdentifier)")
            #expect(error.precisIdentifier == record.error)
        }
    }

    /// The 22 records whose input is a lone surrogate: no Swift string can hold one, so they are fed as the
    /// bytes a careless encoder would produce (generalized UTF-8, e.g. ED A0 80), which must be rejected.
    @Test func loneSurrogatesAreRejectedAtTheByteLayer() throws {
        let lines = Fixtures.lines("precis-golden.jsonl").filter { $0.contains("\"lone_surrogate\": true") }
        #expect(lines.count == 22)
        for line in lines {
            let hex = try #require(line.firstMatch(of: /"input": "\\u(d[89a-f][0-9a-f]{2})"/)?.1)
            let surrogate = UInt32(hex, radix: 16)!
            let encoded: [UInt8] = [
                0xE0 | UInt8(surrogate >> 12), 0x80 | UInt8((surrogate >> 6) & 0x3F), 0x80 | UInt8(surrogate & 0x3F),
            ]
            for profile in PrecisProfile.all {
                #expect(throws: PrecisError.self) { try profile.enforce(utf8: encoded) }
                #expect(throws: PrecisError.self) { try profile.enforce(utf8: Array("a".utf8) + encoded) }
            }
        }
    }
}
