import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Remembers the enforced form of valid domainparts by their bytes as written: under RFC 7622, and under RFC 6122
/// per stringprep mode (the mode changes which code points are allowed).
///
/// Real traffic and bulk input repeat a small set of domains, and each internationalized one costs several ICU and
/// libidn2 calls under each RFC. There is one memo per thread (``current``), so lookups take no lock; each holds
/// at most ``capacity`` domains and starts afresh when full. A domain a thread has not seen is looked for in the
/// process's shared memo (behind a lock, taken only on such a miss) before it is computed, and a computed one is
/// put there: threads checking one input share each domain's computation instead of each making it (with two
/// threads on the realistic corpus, about a thousand internationalized domains at ~27,000 instructions each).
/// Only successes are kept, because errors carry offsets into the whole input. Results are deterministic, so a hit
/// gives exactly what computing again would (the fast-path equivalence tests compare with ``GeneralPathOnly``,
/// which has no memo).
final class DomainMemo {
    static let capacity = 4096

    private var modern = ByteKeyedMemo<(Domainpart, [JIDError])>(capacity: capacity)
    private var legacy: [StringprepMode: ByteKeyedMemo<(unicode: String, ascii: String)>] = [
        .stored: ByteKeyedMemo(capacity: capacity), .query: ByteKeyedMemo(capacity: capacity),
    ]

    /// The memos every thread shares, of the same kinds and bound.
    private static let shared = Mutex(
        (
            modern: ByteKeyedMemo<(Domainpart, [JIDError])>(capacity: capacity),
            stored: ByteKeyedMemo<(unicode: String, ascii: String)>(capacity: capacity),
            query: ByteKeyedMemo<(unicode: String, ascii: String)>(capacity: capacity)
        ))

    private init() {}

    /// The calling thread's memo.
    static var current: DomainMemo {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<DomainMemo>.fromOpaque(pointer).takeUnretainedValue()
        }
        let memo = DomainMemo()
        pthread_setspecific(key, Unmanaged.passRetained(memo).toOpaque())
        return memo
    }

    /// The thread-specific slot; a thread's memo is released when the thread ends.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { pointer in
            #if canImport(Glibc)
                guard let pointer else { return }
            #endif
            Unmanaged<DomainMemo>.fromOpaque(pointer).release()
        }
        precondition(created == 0, "pthread_key_create failed")
        return key
    }()

    /// The RFC 7622 domainpart and its warnings, when the memo holds them; nothing is computed.
    func heldModern(_ bytes: UnsafeBufferPointer<UInt8>) -> (Domainpart, [JIDError])? {
        modern.value(for: bytes, hash: ByteKeyedMemo<(Domainpart, [JIDError])>.hash(bytes))
    }

    /// Whether the memo holds the RFC 7622 domainpart `bytes` (which is then valid).
    func holdsModern(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let hash = ByteKeyedMemo<(Domainpart, [JIDError])>.hash(bytes)
        return modern.contains(bytes, hash: hash)
    }

    func modern(_ bytes: UnsafeBufferPointer<UInt8>, compute: () -> Domainpart.Outcome) -> Domainpart.Outcome {
        let hash = ByteKeyedMemo<(Domainpart, [JIDError])>.hash(bytes)
        if let (domainpart, warnings) = modern.value(for: bytes, hash: hash) {
            return Domainpart.Outcome(result: .success(domainpart), warnings: warnings)
        }
        if let (domainpart, warnings) = Self.shared.withLock({ $0.modern.value(for: bytes, hash: hash) }) {
            modern.store((domainpart, warnings), for: bytes, hash: hash)
            return Domainpart.Outcome(result: .success(domainpart), warnings: warnings)
        }
        let outcome = compute()
        if case .success(let domainpart) = outcome.result {
            modern.store((domainpart, outcome.warnings), for: bytes, hash: hash)
            Self.shared.withLock { $0.modern.store((domainpart, outcome.warnings), for: bytes, hash: hash) }
        }
        return outcome
    }

    func legacy(
        _ bytes: UnsafeBufferPointer<UInt8>, mode: StringprepMode,
        compute: () -> Result<(unicode: String, ascii: String), JIDError>
    ) -> Result<(unicode: String, ascii: String), JIDError> {
        let hash = ByteKeyedMemo<(unicode: String, ascii: String)>.hash(bytes)
        if let domain = legacy[mode]?.value(for: bytes, hash: hash) { return .success(domain) }
        let sharedDomain = Self.shared.withLock { shared in
            mode == .stored ? shared.stored.value(for: bytes, hash: hash) : shared.query.value(for: bytes, hash: hash)
        }
        if let sharedDomain {
            legacy[mode]?.store(sharedDomain, for: bytes, hash: hash)
            return .success(sharedDomain)
        }
        let result = compute()
        if case .success(let domain) = result {
            legacy[mode]?.store(domain, for: bytes, hash: hash)
            Self.shared.withLock { shared in
                if mode == .stored {
                    shared.stored.store(domain, for: bytes, hash: hash)
                } else {
                    shared.query.store(domain, for: bytes, hash: hash)
                }
            }
        }
        return result
    }
}

@available(*, unavailable)
extension DomainMemo: Sendable {}
