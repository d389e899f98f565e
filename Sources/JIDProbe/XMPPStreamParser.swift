internal import CXML
import Foundation

/// An XML element a server sent as a child of its stream (features, proceed, failure, stream error), with its
/// descendants. Names are local names; `namespace` is the element's namespace name.
public struct XMLElement: Sendable, Equatable {
    public var name: String
    public var namespace: String
    public var attributes: [String: String]
    public var children: [XMLElement]
    public var text: String

    public func child(_ name: String, namespace: String? = nil) -> XMLElement? {
        children.first { $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }
}

/// What the stream parser saw, in order.
public enum XMPPStreamEvent: Sendable, Equatable {
    /// The server's `<stream:stream>` header, with its attributes (`from`, `id`, `version`, `lang`).
    case opened([String: String])
    /// A complete first-level element.
    case element(XMLElement)
    /// `</stream:stream>`.
    case closed
}

/// Reads an XMPP stream as it arrives, with libxml2's push parser (RFC 6120 §4, §11): what the server sends is
/// hostile until proven otherwise, so the stream must be well-formed, must not declare a DTD or entities
/// (RFC 6120 §11.1 forbids them; nothing is ever expanded or fetched), and is bounded in bytes, depth and
/// elements. A server that breaks a rule gets a ``Failure`` with the reason, never a hang or unbounded memory.
public final class XMPPStreamParser {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    static let streamsNamespace = "http://etherx.jabber.org/streams"
    /// Bytes accepted in all; a probe needs a few kilobytes.
    public let maximumBytes: Int
    static let maximumDepth = 16
    static let maximumElements = 2_000

    private var parser: OpaquePointer?
    private var bytesFed = 0
    private var elements = 0
    /// Open elements below the stream: the first is the first-level element being built.
    private var open: [XMLElement] = []
    private var depth = 0
    private var events: [XMPPStreamEvent] = []
    private var failure: Failure?

    public init(maximumBytes: Int = 256 << 10) {
        self.maximumBytes = maximumBytes
        create()
    }

    deinit { cs_xml_free(parser) }

    private func create() {
        var callbacks = cs_xml_callbacks()
        callbacks.context = Unmanaged.passUnretained(self).toOpaque()
        callbacks.start = { context, name, uri, count, attributes in
            XMPPStreamParser.from(context).start(name, uri, Int(count), attributes)
        }
        callbacks.end = { context in XMPPStreamParser.from(context).end() }
        callbacks.characters = { context, characters, length in
            XMPPStreamParser.from(context).characters(characters, Int(length))
        }
        callbacks.refuse = { context, reason in
            XMPPStreamParser.from(context).fail(reason.map { String(cString: $0) } ?? "breaks RFC 6120 §11.1")
        }
        parser = cs_xml_create(&callbacks)
    }

    private static func from(_ context: UnsafeMutableRawPointer?) -> XMPPStreamParser {
        Unmanaged<XMPPStreamParser>.fromOpaque(context!).takeUnretainedValue()
    }

    /// A new stream after TLS or SASL (RFC 6120 §5.4.3.3): the next bytes start a new document.
    public func restart() {
        cs_xml_free(parser)
        open = []
        depth = 0
        failure = nil
        create()
    }

    /// Parses more bytes and returns the events they completed.
    public func feed(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> [XMPPStreamEvent] {
        if let failure { throw failure }
        guard let parser else { throw Failure(description: "the XML parser could not be created") }
        bytesFed += bytes.count
        if bytesFed > maximumBytes {
            fail("sent more than \(maximumBytes) bytes before the probe was done")
        } else if let base = bytes.baseAddress, bytes.count > 0 {
            var message = [CChar](repeating: 0, count: 256)
            let status = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                cs_xml_feed(parser, $0, Int32(bytes.count), &message, Int32(message.count))
            }
            if status != 0 && failure == nil {
                let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                fail("sent XML that is not well-formed" + (text.isEmpty ? "" : ": " + text))
            }
        }
        let done = events
        events = []
        if let failure { throw failure }
        return done
    }

    private func fail(_ reason: String) {
        if failure == nil { failure = Failure(description: reason) }
        if let parser { cs_xml_stop(parser) }
    }

    private func start(
        _ name: UnsafePointer<CChar>?, _ uri: UnsafePointer<CChar>?, _ count: Int,
        _ attributes: UnsafePointer<UnsafePointer<CChar>?>?
    ) {
        guard failure == nil else { return }
        depth += 1
        elements += 1
        if depth > Self.maximumDepth { return fail("nests elements more than \(Self.maximumDepth) deep") }
        if elements > Self.maximumElements { return fail("sent more than \(Self.maximumElements) elements") }
        let localName = name.map { String(cString: $0) } ?? ""
        let namespace = uri.map { String(cString: $0) } ?? ""
        var values: [String: String] = [:]
        if let attributes {
            for index in 0..<count {
                // Five pointers per attribute: local name, prefix, URI, value start, value end.
                let base = attributes + index * 5
                guard let key = base[0], let start = base[3], let end = base[4] else { continue }
                let value = start.withMemoryRebound(to: UInt8.self, capacity: end - start) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: end - start), as: UTF8.self)
                }
                values[String(cString: key)] = value
            }
        }
        if depth == 1 {
            guard localName == "stream" && namespace == Self.streamsNamespace else {
                return fail("did not open an XMPP stream (its first element is <\(localName)> in '\(namespace)')")
            }
            events.append(.opened(values))
            return
        }
        open.append(XMLElement(name: localName, namespace: namespace, attributes: values, children: [], text: ""))
    }

    private func end() {
        guard failure == nil else { return }
        depth -= 1
        if depth == 0 {
            events.append(.closed)
            return
        }
        guard let element = open.popLast() else { return }
        if open.isEmpty {
            events.append(.element(element))
        } else {
            open[open.count - 1].children.append(element)
        }
    }

    private func characters(_ characters: UnsafePointer<CChar>?, _ length: Int) {
        guard failure == nil, !open.isEmpty, let characters else { return }
        guard open[open.count - 1].text.utf8.count + length <= 4096 else { return }
        open[open.count - 1].text += characters.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
