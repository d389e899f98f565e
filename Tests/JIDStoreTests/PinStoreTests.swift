import JIDStore
import JIDTLS
import Testing

/// Certificate pins (RFC 7590 §3.6) on both stores: the history of what was seen and how each sighting relates to
/// the last.
@Suite struct PinStoreTests {
    static func seen(
        _ certificate: String, key: String, authenticated: Bool = true, at time: Int64, service: String = "xmpp-client"
    ) -> PinObservation {
        PinObservation(
            domain: "chat.example", service: service, certificateSHA256: certificate, spkiSHA256: key,
            notAfter: 1_900_000_000, authenticated: authenticated, seenAt: time)
    }

    @Test func theRule() {
        let first = Self.seen("c1", key: "k1", at: 1)
        #expect(PinChange.classify(previous: nil, first) == .firstSeen)
        #expect(PinChange.classify(previous: first, Self.seen("c1", key: "k1", at: 2)) == .unchanged)
        #expect(PinChange.classify(previous: first, Self.seen("c2", key: "k1", at: 2)) == .renewed)
        #expect(PinChange.classify(previous: first, Self.seen("c3", key: "k2", at: 2)) == .rotated)
        #expect(
            PinChange.classify(previous: first, Self.seen("c4", key: "k3", authenticated: false, at: 2))
                == .changedUnauthenticated)
        // A new certificate for the same key that does not authenticate the domain is no renewal either.
        #expect(
            PinChange.classify(previous: first, Self.seen("c5", key: "k1", authenticated: false, at: 2))
                == .changedUnauthenticated)
        #expect(PinChange.changedUnauthenticated.isFailure && !PinChange.rotated.isFailure)
    }

    @Test(arguments: Backend.available)
    func aDomainsHistory(_ backend: Backend) async throws {
        let store = try await backend.open(try await backend.newLocation())
        #expect(try await store.recordPin(Self.seen("c1", key: "k1", at: 100)).change == .firstSeen)
        #expect(try await store.recordPin(Self.seen("c1", key: "k1", at: 200)).change == .unchanged)
        let renewal = try await store.recordPin(Self.seen("c2", key: "k1", at: 300))
        #expect(renewal.change == .renewed)
        #expect(renewal.previous?.observation.certificateSHA256 == "c1")
        #expect(renewal.previous?.firstSeen == 100 && renewal.previous?.lastSeen == 200)
        #expect(try await store.recordPin(Self.seen("c3", key: "k2", at: 400)).change == .rotated)
        let impostor = try await store.recordPin(Self.seen("evil", key: "k9", authenticated: false, at: 500))
        #expect(impostor.change == .changedUnauthenticated && impostor.change.isFailure)
        #expect(impostor.previous?.observation.certificateSHA256 == "c3")
        // The impostor does not become the reference: the known certificate again is unchanged, and the impostor
        // again is a failure again.
        let back = try await store.recordPin(Self.seen("c3", key: "k2", at: 550))
        #expect(back.change == .unchanged && back.previous?.observation.certificateSHA256 == "c3")
        #expect(
            try await store.recordPin(Self.seen("evil", key: "k9", authenticated: false, at: 560)).change
                == .changedUnauthenticated)
        #expect(
            try await store.recordPin(Self.seen("s1", key: "k1", at: 600, service: "xmpp-server")).change
                == .firstSeen)
        let history = try await store.pins(domain: "chat.example")
        #expect(history.map(\.observation.certificateSHA256) == ["s1", "evil", "c3", "c2", "c1"])
        #expect(history[1].firstSeen == 500 && history[1].lastSeen == 560)
        let first = try #require(history.last)
        #expect(first.firstSeen == 100 && first.lastSeen == 200)
        #expect(history.first?.observation.service == "xmpp-server")
        #expect(try await store.pins(domain: "other.example").isEmpty)
        await store.close()
    }
}
