import Foundation
import HTTPTypes
import Hummingbird
import JIDCore
import JIDSignup

/// The web page: the playground at `/`, the signup widget (`/ui/jid-username.js`) and its demo, and the page's
/// texts (`/ui/messages`). The files are compiled into the binary (`Package.swift` embeds `Resources/ui/`), so a
/// copied `jid` serves them alone; nothing is fetched from anywhere else (the Content-Security-Policy says so).
struct UIRoutes {
    /// One file of the page.
    struct Asset: Sendable {
        let bytes: [UInt8]
        let contentType: String
        let entityTag: String
        /// Whether pages of other origins may load it (the widget's module, which a signup form on another site
        /// imports; the calls it makes are still bound by the CORS allow-list).
        let crossOrigin: Bool

        init(_ bytes: [UInt8], _ contentType: String, crossOrigin: Bool = false) {
            self.bytes = bytes
            self.contentType = contentType
            self.crossOrigin = crossOrigin
            // FNV-1a over the content: the tag changes whenever the file does.
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            entityTag = "\"" + String(hash, radix: 16) + "\""
        }
    }

    static let html = "text/html; charset=utf-8"
    static let javascript = "text/javascript; charset=utf-8"

    /// Path → file.
    static let assets: [String: Asset] = [
        "/": Asset(PackageResources.index_html, html),
        "/ui/playground.js": Asset(PackageResources.playground_js, javascript),
        "/ui/playground.css": Asset(PackageResources.playground_css, "text/css; charset=utf-8"),
        "/ui/jid-username.js": Asset(PackageResources.jid_username_js, javascript, crossOrigin: true),
        "/ui/widget-demo.html": Asset(PackageResources.widget_demo_html, html),
        "/ui/icon.svg": Asset(PackageResources.icon_svg, "image/svg+xml"),
    ]

    /// Scripts, styles and calls from this origin only; no inline script or style, no frames, no plugins.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    func register(on router: Router<JIDRequestContext>) {
        for (path, asset) in Self.assets {
            router.get(RouterPath(path)) { request, _ in Self.response(asset, request) }
        }
        router.get("/ui/messages") { request, _ in
            let lang = try JIDRoutes.formField(request.uri.query ?? "", "lang").map {
                String(decoding: $0, as: UTF8.self)
            }
            let language = Language.negotiate(lang: lang, acceptLanguage: request.headers[.acceptLanguage])
            var writer = JSONWriter()
            writer.beginObject()
            writer.string("language", language.tag)
            writer.beginObject("messages")
            for (key, text) in UserMessages.pageMessages(in: language) { writer.rawKey(key, text) }
            writer.endObject()
            writer.endObject()
            var response = Response.json(writer.bytes)
            response.headers[.contentLanguage] = language.tag
            response.headers[.vary] = "Accept-Language"
            response.headers[.cacheControl] = "no-cache"
            return response
        }
    }

    // Header names HTTPTypes does not define.
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!

    static func response(_ asset: Asset, _ request: Request) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = asset.contentType
        headers[.eTag] = asset.entityTag
        // Revalidated on each use (a 304 costs a round trip, not the file), so an upgrade shows at once.
        headers[.cacheControl] = "no-cache"
        headers[.xContentTypeOptions] = "nosniff"
        headers[Self.referrerPolicy] = "no-referrer"
        if asset.contentType == html {
            headers[.contentSecurityPolicy] = contentSecurityPolicy
            headers[Self.frameOptions] = "DENY"
        }
        if asset.crossOrigin {
            headers[.accessControlAllowOrigin] = "*"
            headers[.crossOriginResourcePolicy] = "cross-origin"
        } else {
            headers[.crossOriginResourcePolicy] = "same-origin"
        }
        if let tags = request.headers[.ifNoneMatch],
            tags.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == asset.entityTag })
        {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
