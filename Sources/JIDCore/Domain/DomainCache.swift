import Synchronization

/// A process-wide memo of valid, non-ASCII domainparts and their enforced forms.
///
/// Real traffic repeats a small set of domains, and each internationalized one costs several ICU and libidn2
/// calls. The memo holds at most ``capacity`` domains and starts afresh when full; only successes are kept,
/// because errors carry offsets into the whole input. Results are deterministic, so a hit gives exactly what
/// computing again would (the fast-path equivalence tests run with and without it).
final class DomainCache: Sendable {
    static let shared = DomainCache()
    static let capacity = 4096

    private let entries = Mutex<[[UInt8]: (Domainpart, [JIDError])]>([:])

    func outcome(_ bytes: UnsafeBufferPointer<UInt8>, compute: () -> Domainpart.Outcome) -> Domainpart.Outcome {
        let key = Array(bytes)
        if let (domainpart, warnings) = entries.withLock({ $0[key] }) {
            return Domainpart.Outcome(result: .success(domainpart), warnings: warnings)
        }
        let outcome = compute()
        if case .success(let domainpart) = outcome.result {
            entries.withLock { entries in
                if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
                entries[key] = (domainpart, outcome.warnings)
            }
        }
        return outcome
    }
}
