import ArgumentParser
import Foundation
import JIDBulk
import JIDProbe
import JIDStore
import JIDTLS

struct TLS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls", abstract: "TLS for XMPP (RFC 7590): certificate verification and a live probe.",
        subcommands: [TLSVerify.self, TLSProbe.self, TLSPins.self])
}

struct TLSVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that a certificate chain authenticates an XMPP domain (RFC 6120 §13.7, RFC 9525).",
        discussion: """
            The chain (PEM, leaf first, or one DER certificate) must lead to a trust anchor (--ca, or the system \
            bundle /etc/ssl/certs/ca-certificates.crt), be valid at --at (default now), and present an identifier \
            that matches the domain: DNS-ID (A-labels), SRV-ID (_xmpp-client. or _xmpp-server.), XmppAddr \
            (compared as an RFC 7622 domainpart), or IP-ID; CN-ID only with --policy rfc6125 and no subjectAltName. \
            Keys under RSA 2048 or EC 224 bits and SHA-1 signatures below the anchor make the verdict 'weak'.

            Verdicts, first that applies: malformed, untrusted, expired, not-yet-valid, identity-mismatch, weak, \
            authenticated.

            --track records the leaf in the store (--state-dir or --database, as jid serve) and reports how it \
            relates to what was recorded before for the domain and service (RFC 7590 §3.6): first-seen, unchanged, \
            renewed (new certificate, same key), rotated (new key, authenticated) or changed-unauthenticated (a \
            different certificate that does not authenticate the domain: what a man in the middle looks like). \
            Each is measured against the last authenticated certificate recorded. 'jid tls pins' shows the history.

            Exit status: 0 when authenticated, 1 when not, 2 on a usage error or an input that holds no \
            certificate, 4 when --track cannot use the store.

            Examples:
              jid tls verify --domain example.org --chain fullchain.pem
              jid tls verify --domain example.org --chain fullchain.pem --track --state-dir /var/lib/jid-service
              jid tls verify --domain example.org --chain chain.pem --ca root.pem --service xmpp-server --json
            """)

    @Option(help: "The XMPP domain (a JID's domainpart is taken).") var domain: String
    @Option(help: ArgumentHelp("The certificate chain, leaf first.", valueName: "file")) var chain: String
    @Option(help: ArgumentHelp("Trust anchors instead of the system bundle.", valueName: "file")) var ca: String?
    @Option(help: "xmpp-client (default) or xmpp-server: the SRV-ID's service.") var service = "xmpp-client"
    @Option(help: "rfc9525 (default) or rfc6125 (also partial wildcards and the CN-ID).") var policy = "rfc9525"
    @Option(help: ArgumentHelp("The instant to check validity at (RFC 3339); default now.", valueName: "time"))
    var at: String?
    @Flag(help: "Print one JSON object.") var json = false
    @Flag(help: "Record the certificate and report how it changed since it was last seen.") var track = false
    @OptionGroup(title: "Store (with --track)") var store: StoreOptions

    func run() async throws {
        guard let service = XMPPService(rawValue: service) else {
            throw ValidationError("--service is xmpp-client or xmpp-server, not '\(service)'.")
        }
        guard let policy = IdentityPolicy(rawValue: policy) else {
            throw ValidationError("--policy is rfc9525 or rfc6125, not '\(policy)'.")
        }
        var request = TLSVerificationRequest(domain: domain, chain: try Self.read(chain, option: "--chain"))
        request.service = service
        request.policy = policy
        if let ca { request.trustAnchors = try Self.read(ca, option: "--ca") }
        if let at {
            guard let instant = try? Date(at, strategy: .iso8601) else {
                throw ValidationError("--at '\(at)' is not an RFC 3339 time such as 2026-12-01T12:00:00Z.")
            }
            request.at = instant
        }
        let pins = track ? try await Self.open(store) : nil
        var report: TLSVerificationReport
        do {
            report = try await TLSVerifier.verify(request)
        } catch {
            FileHandle.standardError.write("jid: \(error.description) [\(error.code)]\n")
            await pins?.close()
            throw ExitCode(2)
        }
        if let pins { report = try await Self.track(report, in: pins) }
        var output = OutputBuffer()
        output.write(json ? String(decoding: report.json, as: UTF8.self) + "\n" : report.text)
        try output.finish()
        if !report.authenticated { throw ExitCode(1) }
    }

    /// The store for --track: not configured is a usage error, not reachable is exit status 4.
    static func open(_ options: StoreOptions) async throws -> any RegistryStore {
        do {
            return try await options.open()
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write("jid: --track: the store cannot be used: \(error)\n")
            throw ExitCode(4)
        }
    }

    /// Records the report's certificate; a store that cannot be used is exit status 4, after the store is closed.
    static func track(_ report: TLSVerificationReport, in store: any RegistryStore) async throws
        -> TLSVerificationReport
    {
        do {
            let tracked = try await store.track(report)
            await store.close()
            return tracked
        } catch {
            FileHandle.standardError.write("jid: the certificate could not be recorded: \(error)\n")
            await store.close()
            throw ExitCode(4)
        }
    }

    /// Reads at most one byte more than a chain may have, so an oversized file is refused without being held.
    static func read(_ path: String, option: String) throws -> [UInt8] {
        do {
            let file = try InputFile(path: path)
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while bytes.count <= CertificateInput.maximumBytes {
                let count = try buffer.withUnsafeMutableBufferPointer { try file.read(into: $0) }
                if count == 0 { break }
                bytes += buffer[0..<count]
            }
            return bytes
        } catch {
            FileHandle.standardError.write("jid: \(option): \(error)\n")
            throw ExitCode(2)
        }
    }
}

struct TLSProbe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check a live XMPP service's TLS as RFC 7590 and RFC 9325 ask, and grade it.",
        discussion: """
            Finds the service by SRV (_xmpp-client._tcp and _xmpps-client._tcp, or the -server pair; without \
            records the domain itself on 5222 or 5269), opens an XMPP stream, records the features offered before \
            TLS, always sends <starttls/> (even when it was not advertised, so a stripped advertisement cannot \
            downgrade the probe), and checks the certificate chain with 'jid tls verify'. Two more handshakes test \
            that TLS 1.0/1.1 are refused and TLS 1.2 is supported. It never logs in.

            Grade: F on any failed protocol check, T when the only failures are certificate trust or identity, B \
            with warnings only, A when clean.

            --track records the certificate in the store and reports how it changed, as 'jid tls verify --track' \
            does.

            Exit status: 0 for A or B, 1 for T or F, 3 when the service could not be reached or spoke no XMPP \
            (refused, timed out, no SRV service, not XMPP), 2 on a usage error, 4 when --track cannot use the store.

            Examples:
              jid tls probe example.org
              jid tls probe example.org --service server --json
              jid tls probe example.org --connect 192.0.2.7:5222 --ca lab-ca.pem
              jid tls probe example.org --connect xmpp.example.org:5223 --direct-tls
            """)

    @Argument(help: "The XMPP domain (a JID's domainpart is taken).") var domain: String
    @Option(help: "client (default) or server.") var service = "client"
    @Option(help: ArgumentHelp("Connect here instead of looking up SRV records.", valueName: "host:port"))
    var connect: String?
    @Flag(help: "Speak TLS first (XEP-0368) to --connect or the fallback endpoint.") var directTLS = false
    @Option(help: ArgumentHelp("Trust anchors instead of the system bundle.", valueName: "file")) var ca: String?
    @Option(help: ArgumentHelp("Ask this IPv4 name server instead of the system's.", valueName: "address:port"))
    var dnsServer: String?
    @Option(help: "Seconds each step may take (DNS, connecting, each answer, each handshake).") var timeout = 5.0
    @Flag(help: "Print one JSON object.") var json = false
    @Flag(help: "Record the certificate and report how it changed since it was last seen.") var track = false
    @OptionGroup(title: "Store (with --track)") var store: StoreOptions

    func run() async throws {
        guard let service = XMPPProbeService(rawValue: service) else {
            throw ValidationError("--service is client or server, not '\(service)'.")
        }
        guard timeout > 0 && timeout <= 120 else { throw ValidationError("--timeout is between 0 and 120 seconds.") }
        var options = XMPPProbeOptions(domain: domain)
        options.service = service
        options.directTLS = directTLS
        options.timeout = .milliseconds(Int64(timeout * 1000))
        if let connect {
            guard let endpoint = ProbeEndpoint.parse(connect, directTLS: directTLS) else {
                throw ValidationError("--connect '\(connect)' is not HOST:PORT.")
            }
            options.connect = endpoint
        }
        if let dnsServer {
            guard let server = DNSServer(dnsServer) else {
                throw ValidationError("--dns-server '\(dnsServer)' is not an IPv4 ADDRESS:PORT.")
            }
            options.dnsServer = server
        }
        if let ca { options.trustAnchors = try TLSVerify.read(ca, option: "--ca") }
        let pins = track ? try await TLSVerify.open(store) : nil
        var report: XMPPProbeReport
        do {
            report = try await XMPPProbe.run(options)
        } catch {
            FileHandle.standardError.write("jid: \(error.description)\n")
            await pins?.close()
            throw ExitCode(2)
        }
        if let pins {
            if let certificate = report.certificate {
                report.certificate = try await TLSVerify.track(certificate, in: pins)
            } else {
                await pins.close()
            }
        }
        var output = OutputBuffer()
        output.write(json ? String(decoding: report.json, as: UTF8.self) + "\n" : report.text)
        try output.finish()
        switch report.grade {
        case .A?, .B?: return
        case .T?, .F?: throw ExitCode(1)
        case nil: throw ExitCode(3)
        }
    }
}

struct TLSPins: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pins",
        abstract: "The certificates recorded for a domain by --track and jid serve --watch (RFC 7590 §3.6).",
        discussion: """
            Newest first, both services: each certificate's SHA-256, its key's SHA-256, whether it authenticated \
            the domain, its notAfter, and when it was first and last seen.

            Examples:
              jid tls pins example.org --state-dir /var/lib/jid-service
              jid tls pins example.org --database postgres://jid@db/jid --json
            """)

    @Argument(help: "The XMPP domain.") var domain: String
    @Flag(help: "Print one JSON object.") var json = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let domain = try Self.domain(domain)
        let store = try await TLSVerify.open(store)
        let records: [PinRecord]
        do {
            records = try await store.pins(domain: domain)
            await store.close()
        } catch {
            FileHandle.standardError.write("jid: the store cannot be read: \(error)\n")
            await store.close()
            throw ExitCode(4)
        }
        var output = OutputBuffer()
        output.write(
            json
                ? String(decoding: PinRecord.historyJSON(domain: domain, records), as: UTF8.self) + "\n"
                : PinRecord.historyText(domain: domain, records))
        try output.finish()
    }

    static func domain(_ text: String) throws -> String {
        guard let key = PinObservation.domainKey(text) else {
            throw ValidationError("'\(text)' is not a valid domain.")
        }
        return key
    }
}
