import Synchronization

/// A process-wide memo of valid, non-ASCII domainparts and their enforced forms (RFC 7622, and RFC 6122 per mode).
///
/// Real traffic repeats a small set of domains, and each internationalized one costs several ICU and libidn2
/// calls. The memo holds at most ``capacity`` domains and starts afresh when full; only successes are kept,
/// because errors carry offsets into the whole input. Results are deterministic, so a hit gives exactly what
/// computing again would (the fast-path equivalence tests run with and without it).
final class DomainCache: Sendable {
    static let shared = DomainCache()
    static let capacity = 4096

    private let entries = Mutex(ByteKeyedMemo<(Domainpart, [JIDError])>(capacity: capacity))
    /// RFC 6122 domainparts, one memo per stringprep mode (the mode changes which code points are allowed).
    private let legacyEntries = Mutex(
        [StringprepMode: ByteKeyedMemo<(unicode: String, ascii: String)>](
            uniqueKeysWithValues: [StringprepMode.stored, .query].map { ($0, ByteKeyedMemo(capacity: capacity)) }))

    func outcome(_ bytes: UnsafeBufferPointer<UInt8>, compute: () -> Domainpart.Outcome) -> Domainpart.Outcome {
        let hash = ByteKeyedMemo<(Domainpart, [JIDError])>.hash(bytes)
        // The caller's buffer outlives both locked sections, which only read it.
        nonisolated(unsafe) let bytes = bytes
        if let (domainpart, warnings) = entries.withLock({ $0.value(for: bytes, hash: hash) }) {
            return Domainpart.Outcome(result: .success(domainpart), warnings: warnings)
        }
        let outcome = compute()
        if case .success(let domainpart) = outcome.result {
            entries.withLock { $0.store((domainpart, outcome.warnings), for: bytes, hash: hash) }
        }
        return outcome
    }

    func legacy(
        _ bytes: UnsafeBufferPointer<UInt8>, mode: StringprepMode,
        compute: () -> Result<(unicode: String, ascii: String), JIDError>
    ) -> Result<(unicode: String, ascii: String), JIDError> {
        let hash = ByteKeyedMemo<(unicode: String, ascii: String)>.hash(bytes)
        nonisolated(unsafe) let bytes = bytes
        if let domain = legacyEntries.withLock({ $0[mode]?.value(for: bytes, hash: hash) }) {
            return .success(domain)
        }
        let result = compute()
        if case .success(let domain) = result {
            legacyEntries.withLock { $0[mode]?.store(domain, for: bytes, hash: hash) }
        }
        return result
    }
}
