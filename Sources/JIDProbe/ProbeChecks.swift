import JIDTLS

/// The graded checks of a probe, each tied to the RFC section that asks for it, and the grade they give.
enum ProbeChecks {
    static let tlsNamespace = "urn:ietf:params:xml:ns:xmpp-tls"
    static let saslNamespace = "urn:ietf:params:xml:ns:xmpp-sasl"
    /// Failing these alone grades `T` (trust); any other failure grades `F`.
    static let trustChecks: Set<String> = ["certificate-trusted", "certificate-identity"]

    static func mechanisms(_ features: XMLElement?) -> [String] {
        features?.child("mechanisms", namespace: saslNamespace)?.children
            .filter { $0.name == "mechanism" }.map(\.text) ?? []
    }

    static func assess(
        _ report: inout XMPPProbeReport, main: SessionResult, legacy: SessionResult, tls12: SessionResult,
        certificate: TLSVerificationReport?, directTLS: Bool
    ) {
        var checks: [TLSCheck] = []
        func add(_ id: String, _ status: TLSCheck.Status, _ rfc: String, _ message: String) {
            checks.append(TLSCheck(id: id, status: status, rfc: rfc, message: message))
        }
        let starttls = main.featuresBeforeTLS?.child("starttls", namespace: tlsNamespace)
        let before = mechanisms(main.featuresBeforeTLS)
        report.mechanismsBeforeTLS = before
        report.mechanismsAfterTLS = mechanisms(main.featuresAfterTLS)
        report.tlsNegotiated = main.tlsNegotiated
        report.alpn = main.alpn
        if !directTLS {
            report.starttlsAdvertised = starttls != nil
            report.starttlsRequired = starttls?.child("required") != nil
        }
        if let hello = main.serverHello, main.tlsNegotiated {
            report.tlsVersion = TLSNames.version(hello.version)
            report.cipher = TLSNames.suite(hello.cipherSuite)
            report.group = hello.keyShareGroup.map(TLSNames.group)
        }
        if let error = main.streamError {
            report.streamError = error.condition
            add(
                "stream", .fail, "RFC 6120 §4.9",
                "The server ended the stream with <\(error.condition)/> while \(error.stage)"
                    + (error.text.map { ": \($0)" } ?? "") + Self.streamAdvice(error.condition))
            // Nothing about TLS can be said of a stream that ended before it.
            if !main.tlsNegotiated {
                report.checks = checks
                report.grade = grade(checks)
                return
            }
        }

        // STARTTLS (RFC 7590 §3.1, RFC 6120 §5) or direct TLS (XEP-0368).
        if directTLS {
            add(
                "starttls", main.tlsNegotiated ? .pass : .fail, "XEP-0368 §3",
                main.tlsNegotiated
                    ? "Direct TLS: TLS from the first byte, so there is no STARTTLS to strip."
                    : "The direct TLS handshake failed: \(handshakeFailure(main)).")
            add("tls-required", .pass, "RFC 7590 §3.1", "Direct TLS: nothing is sent before TLS.")
        } else if main.streamError == nil || main.featuresBeforeTLS != nil {
            if main.starttlsRefused {
                add(
                    "starttls", .fail, "RFC 7590 §3.1, RFC 6120 §5.4.2.2",
                    "The server answered <starttls/> with <failure/>: it cannot encrypt this stream.")
            } else if !main.tlsNegotiated {
                add(
                    "starttls", .fail, "RFC 7590 §3.1",
                    "TLS could not be negotiated after <starttls/>: \(handshakeFailure(main)).")
            } else if starttls == nil {
                add(
                    "starttls", .warn, "RFC 7590 §3.1",
                    "<starttls/> was not advertised, but the server negotiated TLS when asked: if the server does "
                        + "advertise it, something on the path removes it (a STARTTLS-stripping attack), and clients "
                        + "that rely on the advertisement would fall back to plaintext.")
            } else {
                add("starttls", .pass, "RFC 7590 §3.1", "STARTTLS is advertised and TLS was negotiated.")
            }
            let others = (main.featuresBeforeTLS?.children ?? []).filter {
                !($0.name == "starttls" && $0.namespace == tlsNamespace)
            }
            if starttls?.child("required") != nil {
                add("tls-required", .pass, "RFC 7590 §3.1, RFC 6120 §5.3.1", "STARTTLS is marked <required/>.")
            } else if others.isEmpty {
                add(
                    "tls-required", .warn, "RFC 6120 §5.3.1",
                    "Nothing but STARTTLS is offered before TLS, but it is not marked <required/>: add it, so that "
                        + "clients know TLS is mandatory-to-negotiate.")
            } else {
                add(
                    "tls-required", .fail, "RFC 7590 §3.1",
                    "TLS is optional: before TLS the server offers "
                        + others.map { "<\($0.name)/>" }.joined(separator: ", ")
                        + ". Require TLS (Prosody: c2s_require_encryption = true; ejabberd: starttls_required: true).")
            }
        }
        if before.isEmpty {
            add("sasl-before-tls", .pass, "RFC 7590 §3.1, RFC 6120 §13.8", "No SASL mechanism is offered before TLS.")
        } else if before.contains(where: { ["PLAIN", "LOGIN"].contains($0.uppercased()) }) {
            add(
                "sasl-before-tls", .fail, "RFC 7590 §3.1, RFC 6120 §13.8",
                "Before TLS the server offers \(before.joined(separator: " ")): passwords can be sent in the clear.")
        } else {
            add(
                "sasl-before-tls", .warn, "RFC 7590 §3.1, RFC 6120 §13.8",
                "Before TLS the server offers \(before.joined(separator: " ")): authentication before TLS exposes "
                    + "the user name and allows offline attacks on the exchange.")
        }

        // Protocol versions (RFC 9325 §3.1.1).
        let notOffered = "SSLv2 and SSLv3 are not tested: the probe's TLS library (BoringSSL) cannot offer them"
        if legacy.tlsNegotiated {
            let version = legacy.serverHello.map { TLSNames.version($0.version) } ?? "TLS 1.0 or 1.1"
            add(
                "tls10-11-refused", .fail, "RFC 9325 §3.1.1, RFC 8996",
                "The server negotiated \(version) with a client that offered only TLS 1.0 and 1.1. \(notOffered).")
        } else if let reason = untested(legacy) {
            add("tls10-11-refused", .info, "RFC 9325 §3.1.1", "Not tested: \(reason). \(notOffered).")
        } else {
            add(
                "tls10-11-refused", .pass, "RFC 9325 §3.1.1, RFC 8996",
                "A client offering only TLS 1.0 and 1.1 was refused (\(handshakeFailure(legacy))). \(notOffered).")
        }
        if tls12.tlsNegotiated {
            add(
                "tls12-supported", .pass, "RFC 9325 §3.1.1",
                "TLS 1.2 was negotiated when it was the only version offered.")
        } else if let reason = untested(tls12) {
            add("tls12-supported", .info, "RFC 9325 §3.1.1", "Not tested: \(reason).")
        } else {
            add(
                "tls12-supported", .fail, "RFC 9325 §3.1.1",
                "A client offering only TLS 1.2 was refused (\(handshakeFailure(tls12))): TLS 1.2 must be supported.")
        }
        if main.tlsNegotiated {
            let thirteen = main.serverHello?.version == 0x0304
            add(
                "tls13", thirteen ? .pass : .warn, "RFC 9325 §3.1.1",
                thirteen
                    ? "TLS 1.3 was negotiated."
                    : "TLS 1.3 was offered but \(report.tlsVersion ?? "an older version") was negotiated: TLS 1.3 "
                        + "should be supported and preferred.")
        }

        // Cipher suites (RFC 9325 §4.1).
        let suites = [main, tls12].compactMap { $0.tlsNegotiated ? $0.serverHello?.cipherSuite : nil }
        if !suites.isEmpty {
            let kinds = suites.map(TLSNames.keyExchange)
            let names = Set(suites.map(TLSNames.suite)).sorted().joined(separator: ", ")
            if kinds.contains(.staticRSA) {
                add(
                    "forward-secrecy", .fail, "RFC 9325 §4.1",
                    "The server chose \(names): static RSA key transport has no forward secrecy.")
            } else if kinds.contains(.ephemeralFiniteField) {
                add(
                    "forward-secrecy", .warn, "RFC 9325 §4.1",
                    "The server chose \(names): forward secret, but TLS 1.2 should not use finite-field DHE.")
            } else if kinds.contains(.unknown) {
                add(
                    "forward-secrecy", .info, "RFC 9325 §4.1",
                    "The server chose \(names), which this probe does not classify.")
            } else {
                add(
                    "forward-secrecy", .pass, "RFC 9325 §4.1",
                    "The server chose \(names): ephemeral key exchange. Anonymous and NULL suites are not tested: "
                        + "the probe's TLS library (BoringSSL) cannot offer them.")
            }
        }

        // TLS 1.2 extensions (RFC 9325 §3.5).
        if tls12.tlsNegotiated, let hello = tls12.serverHello {
            add(
                "secure-renegotiation", hello.hasRenegotiationInfo ? .pass : .fail, "RFC 9325 §3.5, RFC 5746",
                hello.hasRenegotiationInfo
                    ? "The TLS 1.2 ServerHello acknowledges renegotiation_info."
                    : "The TLS 1.2 ServerHello has no renegotiation_info: clients must abort such handshakes.")
            add(
                "extended-master-secret", hello.hasExtendedMasterSecret ? .pass : .fail, "RFC 9325 §3.5, RFC 7627",
                hello.hasExtendedMasterSecret
                    ? "The TLS 1.2 ServerHello acknowledges extended_master_secret."
                    : "The TLS 1.2 ServerHello has no extended_master_secret (triple handshake attacks).")
        } else {
            for id in ["secure-renegotiation", "extended-master-secret"] {
                add(id, .info, "RFC 9325 §3.5", "Not tested: TLS 1.2 was not negotiated.")
            }
        }
        if let hello = main.serverHello ?? tls12.serverHello {
            add(
                "compression", hello.compressionMethod == 0 ? .info : .fail, "RFC 9325 §3.3",
                hello.compressionMethod == 0
                    ? "The server chose no compression; whether it would accept TLS compression is not tested, as "
                        + "the probe's TLS library (BoringSSL) cannot offer it."
                    : "The server chose TLS compression method \(hello.compressionMethod) (CRIME).")
        }

        // The certificate (RFC 7590 §3.4–3.5, RFC 6120 §13.7, RFC 9525), by JIDTLS.
        if let certificate {
            report.certificate = certificate
            func from(_ ids: [String], as id: String, _ rfc: String, missing: String) {
                let found = certificate.checks.filter { ids.contains($0.id) }
                if let worst = found.first(where: { $0.status == .fail }) ?? found.first(where: { $0.status == .warn })
                    ?? found.first
                {
                    add(id, worst.status, worst.rfc, worst.message)
                } else {
                    add(id, certificate.verdict == .malformed ? .fail : .info, rfc, missing)
                }
            }
            from(
                ["chain.trusted", "input.malformed", "eku.server-auth"], as: "certificate-trusted", "RFC 7590 §3.4",
                missing: "Not checked: \(certificate.verdict.rawValue).")
            from(
                ["identity.match"], as: "certificate-identity", "RFC 7590 §3.5",
                missing: "Not checked: \(certificate.verdict.rawValue).")
            from(
                ["validity.expired", "validity.not-yet-valid", "validity.period"], as: "certificate-validity",
                "RFC 5280 §4.1.2.5", missing: "Not checked: \(certificate.verdict.rawValue).")
            from(["strength"], as: "key-strength", "RFC 9325 §4.5", missing: "Not checked.")
        } else if main.tlsNegotiated || tls12.tlsNegotiated {
            add("certificate-trusted", .fail, "RFC 7590 §3.4", "The server presented no certificate.")
        }
        report.checks = checks
        report.grade = grade(checks)
    }

    static func grade(_ checks: [TLSCheck]) -> XMPPProbeReport.Grade {
        let failed = checks.filter { $0.status == .fail }
        if failed.contains(where: { !trustChecks.contains($0.id) }) { return .F }
        if !failed.isEmpty { return .T }
        return checks.contains { $0.status == .warn } ? .B : .A
    }

    /// Why a session never reached its handshake (so its versions say nothing), or nil when it did.
    static func untested(_ session: SessionResult) -> String? {
        if let unreachable = session.unreachable { return describe(unreachable) }
        if let error = session.streamError { return "the server ended the stream with <\(error.condition)/>" }
        if session.starttlsRefused { return "the server answered <starttls/> with <failure/>" }
        return nil
    }

    static func handshakeFailure(_ session: SessionResult) -> String {
        if let alert = session.serverAlert { return "the server sent the alert \(TLSNames.alert(alert))" }
        if let unreachable = session.unreachable { return describe(unreachable) }
        return session.handshakeError ?? "no handshake"
    }

    static func describe(_ unreachable: SessionResult.Unreachable) -> String {
        switch unreachable {
        case .refused(let message), .timedOut(let message), .notXMPP(let message): message
        }
    }

    static func streamAdvice(_ condition: String) -> String {
        switch condition {
        case "host-unknown": ". The server does not serve this domain: check its virtual hosts."
        case "see-other-host": ". The server redirects to another host."
        default: "."
        }
    }
}
