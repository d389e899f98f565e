/// Remembers the enforced form of valid domainparts, by their bytes as written.
///
/// Bulk input repeats a handful of domains millions of times, and an internationalized domain costs several
/// ICU and libidn2 calls under each RFC. A memo belongs to one thread (it is a class without locking, and not
/// `Sendable`); it holds at most ``capacity`` domains and starts afresh when full. Only successes are kept:
/// errors carry offsets into the whole input, which differ from line to line.
final class DomainMemo {
    static let capacity = 4096

    private var modern: [[UInt8]: (Domainpart, [JIDError])] = [:]
    private var legacy: [[UInt8]: (unicode: String, ascii: String)] = [:]

    init() {}

    func modern(_ bytes: UnsafeBufferPointer<UInt8>, compute: () -> Domainpart.Outcome) -> Domainpart.Outcome {
        let key = Array(bytes)
        if let (domainpart, warnings) = modern[key] {
            return Domainpart.Outcome(result: .success(domainpart), warnings: warnings)
        }
        let outcome = compute()
        if case .success(let domainpart) = outcome.result {
            if modern.count >= Self.capacity { modern.removeAll(keepingCapacity: true) }
            modern[key] = (domainpart, outcome.warnings)
        }
        return outcome
    }

    func legacy(
        _ bytes: UnsafeBufferPointer<UInt8>, compute: () -> Result<(unicode: String, ascii: String), JIDError>
    ) -> Result<(unicode: String, ascii: String), JIDError> {
        let key = Array(bytes)
        if let domain = legacy[key] { return .success(domain) }
        let result = compute()
        if case .success(let domain) = result {
            if legacy.count >= Self.capacity { legacy.removeAll(keepingCapacity: true) }
            legacy[key] = domain
        }
        return result
    }
}

@available(*, unavailable)
extension DomainMemo: Sendable {}
