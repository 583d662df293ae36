import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes
import Storage

/// Answers `GET /media/ID.opus` on the event loop itself when nothing about the request needs the
/// router: no credentials (so the caller is anonymous), a recording known to be public and its file
/// in memory. Everything else passes on, untouched, to Hummingbird.
///
/// Public audio (scenario prompts, spoken labels, published stories) is what learners' devices
/// fetch most, range after range. Through the router each request hopped from the event loop to a
/// task and back, which capped it at a quarter of nginx's rate on the same files; here it is a
/// dictionary lookup and a slice of a buffer. The headers and status come from ``OpusAnswer``,
/// as on the route. Pipelined requests keep their order: nothing is answered here while the router
/// still owes an answer to an earlier request on the connection.
final class PublicAudioFastPath: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let directory: SQLiteMetadataStore
    let files: OpusFileCache
    let serverName: String
    /// The answer to the request being read, once its head was taken here.
    private var prepared: (head: HTTPResponse, body: ByteBuffer?, close: Bool)?
    /// Requests passed to the router, and the router's responses ended: answering here while the
    /// router still owes an answer would put this one before it.
    private var passedOn = 0
    private var routerAnswered = 0
    /// The `Date` header, made once a second.
    private var date = (second: 0, text: "")

    init(directory: SQLiteMetadataStore, files: OpusFileCache, serverName: String) {
        self.directory = directory
        self.files = files
        self.serverName = serverName
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            prepared = passedOn == routerAnswered ? answer(request) : nil
            if prepared == nil {
                passedOn += 1
                context.fireChannelRead(data)
            }
        case .body:
            if prepared == nil { context.fireChannelRead(data) }
        case .end:
            guard let (head, body, close) = prepared else {
                context.fireChannelRead(data)
                return
            }
            prepared = nil
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            if let body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
            if close {
                // As the router does for `Connection: close`: answer, then close.
                context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolatedUnsafeUnchecked().whenComplete { _ in
                    context.close(promise: nil)
                }
            } else {
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { routerAnswered += 1 }
        context.write(data, promise: promise)
    }

    /// The response, when this request can be answered here; nil sends it to the router.
    func answer(_ request: HTTPRequest) -> (head: HTTPResponse, body: ByteBuffer?, close: Bool)? {
        // The route's own reading of `ID.ext`; a query string fails its id check.
        guard request.method == .get, let path = request.path, path.hasPrefix("/media/"), Self.isPlain(request.headerFields),
              let (id, format) = try? MediaController.parse(String(path.dropFirst(7))), format == "opus",
              let recording = directory.cachedPublicRecording(id: id),
              let file = files.file(sha256: recording.sha256), file.readableBytes == recording.byteSize
        else { return nil }
        let answer = OpusAnswer(recording, requestHeaders: request.headerFields)
        var head: HTTPResponse
        var body: ByteBuffer?
        switch answer {
        case .notModified(let headers):
            head = HTTPResponse(status: .notModified, headerFields: headers)
        case .whole(let headers):
            head = HTTPResponse(status: .ok, headerFields: headers)
            body = answer.body(of: file)
        case .partial(let headers, _):
            head = HTTPResponse(status: .partialContent, headerFields: headers)
            body = answer.body(of: file)
            if body == nil { return nil }
        case .unsatisfiable:
            return nil  // the router's JSON error
        }
        if let body { head.headerFields[.contentLength] = String(body.readableBytes) }
        let now = Date(), second = Int(now.timeIntervalSince1970)
        if second != date.second { date = (second, MediaController.httpDate(now)) }
        head.headerFields[.date] = date.text
        head.headerFields[.server] = serverName
        return (head, body, request.headerFields[.connection]?.lowercased() == "close")
    }

    /// No credentials, no body, and nothing asked of the connection but keep-alive or close.
    static func isPlain(_ fields: HTTPFields) -> Bool {
        guard fields[.authorization] == nil, fields[.cookie] == nil, fields[.transferEncoding] == nil else { return false }
        if let length = fields[.contentLength], length != "0" { return false }
        if let connection = fields[.connection], !["keep-alive", "close"].contains(connection.lowercased()) { return false }
        return true
    }
}
