import Foundation
import Testing

@testable import JIDCore

struct RFC7622Example: Decodable, CustomTestStringConvertible, Sendable {
    let input: String
    let expected: String
    let output: String?
    let rfc_row: Int
    let expected_per_errata: String?
    var testDescription: String { "row \(rfc_row) \(input.debugDescription)" }
}

@Suite struct RFC7622ExampleTests {
    static let examples = Fixtures.decoded("rfc7622-examples.jsonl", as: RFC7622Example.self)

    @Test func allTwentyThreeRowsAreLoaded() { #expect(Self.examples.count == 23) }

    /// RFC 7622 §3.5 Tables 1 and 2. Row 18 (`juliet@example.com/ foo`) follows errata 4560: OpaqueString
    /// allows a leading space, so the address is valid.
    @Test(arguments: examples)
    func example(_ row: RFC7622Example) {
        let result = JID.parse(row.input)
        let expected = row.expected_per_errata ?? row.expected
        #expect(result.isValid == (expected == "valid"), "\(result.errors.map(\.code))")
        if expected == "valid" {
            #expect(result.jid?.description == (row.output ?? row.input))
        } else {
            #expect(!result.errors.isEmpty)
        }
    }

    @Test func row18IsValidPerErrata4560() {
        #expect(JID.parse("juliet@example.com/ foo").jid?.resourcepart == " foo")
    }
}
