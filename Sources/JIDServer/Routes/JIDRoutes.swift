import Foundation
import HTTPTypes
import Hummingbird
import JIDCore
import JIDSignup
import Logging

/// `/v1/jid/*`: parse, compare, escape, unescape, uri.
struct JIDRoutes: Sendable {
    let configuration: ServerConfiguration
    let metrics: JIDMetrics

    /// The path of the address parse, which the connection guard may also answer (see ``EventLoopAnswers``).
    static let parsePath = "/v1/jid/parse"

    func register(on router: Router<JIDRequestContext>) {
        router.post(RouterPath(Self.parsePath)) { request, context in
            switch try await decode(ParseBody.self, request, context) {
            case .address(let jid): return Response.json(parse(jid, context).jsonBytes)
            case .parts(let localpart, let domainpart, let resourcepart):
                let result = JID.parse(localpart: localpart, domainpart: domainpart, resourcepart: resourcepart)
                metrics.record(result)
                logAddress(result, context.logger)
                return Response.json(result.jsonBytes)
            }
        }
        router.get(RouterPath(Self.parsePath)) { request, context in
            let answer = try parseQuery(
                request.uri.query ?? "", acceptLanguage: request.headers[.acceptLanguage], logger: context.logger)
            var response = Response.json(answer.body)
            if let language = answer.language { response.headers[.contentLanguage] = language }
            return response
        }
        router.post("/v1/jid/compare") { request, context in
            let body = try await decode(PairBody.self, request, context)
            let a = parse(body.a, context)
            let b = parse(body.b, context)
            var writer = JSONWriter()
            writer.beginObject()
            writer.bool("equal", a.jid != nil && a.jid == b.jid)
            writer.bool("bareEqual", a.jid != nil && a.jid?.bare == b.jid?.bare)
            a.write(to: &writer, key: "a")
            b.write(to: &writer, key: "b")
            writer.endObject()
            return Response.json(writer.bytes)
        }
        router.post("/v1/jid/escape") { request, context in
            try await escaping(request, context, escape: true)
        }
        router.post("/v1/jid/unescape") { request, context in
            try await escaping(request, context, escape: false)
        }
        router.post("/v1/jid/uri") { request, context in
            var writer = JSONWriter()
            switch try await decode(URIBody.self, request, context) {
            case .jid(let jid, let query, let fragment):
                XMPPURI.writeForms(for: parse(jid, context), query: query, fragment: fragment, to: &writer)
            case .uri(let uri):
                if let jid = XMPPURI.writeParse(uri, to: &writer)?.jid { metrics.record(jid) }
            }
            return Response.json(writer.bytes)
        }
    }

    private func decode<Body: JSONRequestBody>(
        _ type: Body.Type, _ request: Request, _ context: JIDRequestContext
    ) async throws -> Body {
        try await JSONBody.decode(
            type, request, context, limit: configuration.bodyLimit, timeout: configuration.bodyTimeout)
    }

    private func parse(_ input: String, _ context: JIDRequestContext) -> JIDResult {
        let result = JID.parse(input)
        metrics.record(result)
        logAddress(result, context.logger)
        return result
    }

    /// The answer to `GET /v1/jid/parse`: the result object and, with `lang` (a web page's language switcher),
    /// the language its errors' messages for people are in. Both the router and the connection guard answer with
    /// it (see ``EventLoopAnswers``), so it throws (the query's problem) before it counts or logs anything.
    func parseQuery(_ query: String, acceptLanguage: String?, logger: Logger) throws -> (
        body: [UInt8], language: String?
    ) {
        var query = query
        return try query.withUTF8 { query in
            guard let bytes = try Self.formField(bytes: query, "jid") else {
                throw Problem(
                    .missingField, "The query parameter 'jid' is required, e.g. ?jid=juliet%40example.com.")
            }
            let lang = try Self.formField(bytes: query, "lang")
            let result = JID.parse(utf8: bytes)
            metrics.record(result)
            logAddress(result, logger)
            guard let lang else { return (result.jsonBytes, nil) }
            let language = Language.negotiate(
                lang: String(decoding: lang, as: UTF8.self), acceptLanguage: acceptLanguage)
            var writer = JSONWriter()
            result.write(to: &writer) { UserMessages.message(for: $0, in: language) }
            return (writer.bytes, language.tag)
        }
    }

    /// Addresses are personal data: they are logged only when the operator turns `logAddresses` on.
    private func logAddress(_ result: JIDResult, _ logger: Logger) {
        guard configuration.logAddresses else { return }
        logger.info("address checked", metadata: ["input": "\(result.input)", "valid": "\(result.isValid)"])
    }

    private func escaping(_ request: Request, _ context: JIDRequestContext, escape: Bool) async throws -> Response {
        let body = try await decode(EscapeBody.self, request, context)
        let (input, isAddress) =
            switch body {
            case .address(let jid): (jid, true)
            case .localpart(let localpart): (localpart, false)
            }
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("input", input)
        func write(_ failure: JIDEscaping.Failure?, _ key: StaticString) {
            guard let failure else { return writer.string(key, nil) }
            writer.beginObject(key)
            writer.string("code", failure.code)
            writer.string("message", failure.message)
            writer.endObject()
        }
        do throws(JIDEscaping.Failure) {
            let output: JIDEscaping.Unescaped =
                switch (escape, isAddress) {
                case (true, true): .init(text: try JIDEscaping.escape(address: input), warning: nil)
                case (true, false): .init(text: try JIDEscaping.escape(localpart: input), warning: nil)
                case (false, true): JIDEscaping.unescape(address: input)
                case (false, false): JIDEscaping.unescape(localpart: input)
                }
            writer.string("output", output.text)
            write(nil, "error")
            write(output.warning, "warning")
        } catch {
            writer.string("output", nil)
            write(error, "error")
            write(nil, "warning")
        }
        writer.endObject()
        return Response.json(writer.bytes)
    }

    /// The value of one hexadecimal digit.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The first value of `name` in `application/x-www-form-urlencoded` text (a query string or a form body),
    /// percent-decoded (`+` is a space), as bytes that are valid UTF-8; nil when the field is absent.
    static func formField(_ query: some StringProtocol, _ name: String) throws -> [UInt8]? {
        var text = String(query)
        return try text.withUTF8 { try formField(bytes: $0, name) }
    }

    /// `formField` on the text's bytes, read in place: fields split at `&`, names at the first `=`.
    static func formField(bytes: UnsafeBufferPointer<UInt8>, _ name: String) throws -> [UInt8]? {
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.count
            defer { start = end + 1 }
            let equals = bytes[start..<end].firstIndex(of: UInt8(ascii: "=")) ?? end
            guard end > start, bytes[start..<equals].elementsEqual(name.utf8) else { continue }
            var value: [UInt8] = []
            value.reserveCapacity(end - equals)
            var index = min(equals + 1, end)
            while index < end {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "+") {
                    value.append(0x20)
                } else if byte == UInt8(ascii: "%") {
                    // Exactly two hex digits: UInt8(_:radix:) alone would also take a sign ("%-0", "%+1").
                    guard end - index >= 2, let high = Self.hexValue(bytes[index]),
                        let low = Self.hexValue(bytes[index + 1])
                    else {
                        throw Problem(
                            .invalidParameter, "The '\(name)' parameter has a '%' not followed by two hex digits.")
                    }
                    value.append(high << 4 | low)
                    index += 2
                } else {
                    value.append(byte)
                }
            }
            guard value.withUnsafeBufferPointer(UnicodeText.isValidUTF8) else {
                throw Problem(.invalidUTF8, "The '\(name)' parameter is not valid UTF-8 once percent-decoded.")
            }
            return value
        }
        return nil
    }
}

extension String {
    var utf8Array: [UInt8] { Array(utf8) }
}

extension JIDResult {
    /// The JSON object as bytes.
    var jsonBytes: [UInt8] {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.bytes
    }
}
