/// Remembers the enforced form of valid domainparts, by their bytes as written.
///
/// Bulk input repeats a handful of domains millions of times, and an internationalized domain costs several
/// ICU and libidn2 calls under each RFC. A memo belongs to one thread (it is a class without locking, and not
/// `Sendable`); it holds at most ``capacity`` domains and starts afresh when full. Only successes are kept:
/// errors carry offsets into the whole input, which differ from line to line.
final class DomainMemo {
    static let capacity = 4096

    private var modern = ByteKeyedMemo<(Domainpart, [JIDError])>(capacity: capacity)
    private var legacy = ByteKeyedMemo<(unicode: String, ascii: String)>(capacity: capacity)

    init() {}

    func modern(_ bytes: UnsafeBufferPointer<UInt8>, compute: () -> Domainpart.Outcome) -> Domainpart.Outcome {
        let hash = ByteKeyedMemo<(Domainpart, [JIDError])>.hash(bytes)
        if let (domainpart, warnings) = modern.value(for: bytes, hash: hash) {
            return Domainpart.Outcome(result: .success(domainpart), warnings: warnings)
        }
        let outcome = compute()
        if case .success(let domainpart) = outcome.result {
            modern.store((domainpart, outcome.warnings), for: bytes, hash: hash)
        }
        return outcome
    }

    func legacy(
        _ bytes: UnsafeBufferPointer<UInt8>, compute: () -> Result<(unicode: String, ascii: String), JIDError>
    ) -> Result<(unicode: String, ascii: String), JIDError> {
        let hash = ByteKeyedMemo<(unicode: String, ascii: String)>.hash(bytes)
        if let domain = legacy.value(for: bytes, hash: hash) { return .success(domain) }
        let result = compute()
        if case .success(let domain) = result { legacy.store(domain, for: bytes, hash: hash) }
        return result
    }
}

@available(*, unavailable)
extension DomainMemo: Sendable {}
