import Foundation
import HTTPTypes
import Hummingbird
import JIDConfusables
import JIDCore
import JIDSignup
import NIOCore

/// `/v1/signup/check`: may this user name be registered at this domain? One call for a signup form, answered in
/// the person's language.
struct SignupRoutes {
    let configuration: ServerConfiguration
    let metrics: JIDMetrics
    let registry: ConfusableRegistry
    /// Answers reveal whether a name (or a lookalike of it) is taken, so they are rate limited per client.
    let limiter: ClientRateLimiter

    /// The request's fields, from a JSON object, a form body or the query string.
    struct Fields {
        let username: String
        let domain: String
        let lang: String?
    }

    func register(on router: Router<JIDRequestContext>) {
        router.post("/v1/signup/check") { request, context in
            try limit(context)
            let fields: Fields
            if JSONBody.isJSON(request.headers[.contentType]) {
                let object = try await JSONBody.object(
                    request, channel: context.channel, limit: configuration.bodyLimit,
                    timeout: configuration.bodyTimeout)
                let json = JSONFields(object: object)
                fields = Fields(
                    username: try json.string("username"), domain: try json.string("domain"),
                    lang: try json.optionalString("lang"))
            } else if Self.isForm(request.headers[.contentType]) {
                let body = try await JSONBody.collect(
                    request, channel: context.channel, limit: configuration.bodyLimit,
                    timeout: configuration.bodyTimeout)
                guard let text = String(validating: body.readableBytesView, as: UTF8.self) else {
                    throw Problem(.invalidUTF8, "The form body is not valid UTF-8.")
                }
                fields = try Self.fields(form: text)
            } else {
                throw Problem(
                    .unsupportedMediaType,
                    "Send {\"username\", \"domain\", \"lang\"} as application/json, or the same fields as "
                        + "application/x-www-form-urlencoded; got \(request.headers[.contentType] ?? "no Content-Type")."
                )
            }
            return answer(fields, request)
        }
        router.get("/v1/signup/check") { request, context in
            try limit(context)
            return answer(try Self.fields(form: request.uri.query ?? ""), request)
        }
    }

    private func limit(_ context: JIDRequestContext) throws { try limiter.enforce(context, "signup checks") }

    private func answer(_ fields: Fields, _ request: Request) -> Response {
        let language = Language.negotiate(lang: fields.lang, acceptLanguage: request.headers[.acceptLanguage])
        let check = SignupCheck(
            username: fields.username, domain: fields.domain, language: language, registry: registry)
        metrics.record(check.result)
        var writer = JSONWriter()
        check.write(to: &writer)
        var response = Response.json(writer.bytes)
        response.headers[.contentLanguage] = language.tag
        response.headers[.vary] = "Accept-Language"
        return response
    }

    static func isForm(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let parts = contentType.lowercased().split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        return parts.first == "application/x-www-form-urlencoded"
    }

    /// The fields from `application/x-www-form-urlencoded` text: `username` and `domain` required, `lang` optional.
    static func fields(form text: String) throws -> Fields {
        func field(_ name: String) throws -> String? {
            try JIDRoutes.formField(text, name).map { String(decoding: $0, as: UTF8.self) }
        }
        guard let username = try field("username") else {
            throw Problem(.missingField, "The field 'username' is required (the name the person typed).")
        }
        guard let domain = try field("domain") else {
            throw Problem(.missingField, "The field 'domain' is required (the domain the account is made at).")
        }
        return Fields(username: username, domain: domain, lang: try field("lang"))
    }
}
