// Verifications per second of one chain: `jid-tls-benchmark CHAIN ANCHORS DOMAIN [COUNT]`.
// Each verification reads the PEM, builds the path with swift-certificates, matches the identity and computes the
// fingerprints, as `jid tls verify` does; the figure is the best of three rounds.
import Foundation
import JIDTLS

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    print("usage: jid-tls-benchmark CHAIN ANCHORS DOMAIN [COUNT]")
    exit(2)
}
let chain = [UInt8](try Data(contentsOf: URL(fileURLWithPath: arguments[1])))
let anchors = [UInt8](try Data(contentsOf: URL(fileURLWithPath: arguments[2])))
let count = arguments.count > 4 ? Int(arguments[4]) ?? 2000 : 2000
var request = TLSVerificationRequest(domain: arguments[3], chain: chain)
request.trustAnchors = anchors
var best = 0.0
for _ in 0..<3 {
    let start = Date()
    for _ in 0..<count {
        let report = try await TLSVerifier.verify(request)
        precondition(report.authenticated, "the benchmark chain must authenticate \(arguments[3])")
    }
    best = max(best, Double(count) / Date().timeIntervalSince(start))
}
print("jid-service: \(Int(best)) verifications/s (best of 3 rounds of \(count))")
