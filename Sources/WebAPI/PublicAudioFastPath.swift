import Foundation
import NIOCore
import Storage

/// Answers `GET /media/ID.opus` straight from the connection's bytes when nothing about the request
/// needs the router: no credentials (so the caller is anonymous), a recording known to be public and
/// its file in memory. Every other request goes, byte for byte, to NIO's HTTP parser and on to
/// Hummingbird.
///
/// Public audio (scenario prompts, spoken labels, published stories) is what learners' devices
/// fetch most, range after range. Even answered on the event loop after NIO's parser, each request
/// spent more time being turned into HTTP parts and types and back than being answered; here it is
/// a plain head read (``PlainRequestHead``), a dictionary lookup and a slice of a buffer. The
/// status and headers come from ``OpusAnswer``, as on the route.
///
/// It sits first in the pipeline, where the bytes arrive. Requests keep their order: nothing is
/// answered here while the router still owes an answer to a request passed to it.
/// An unusual head (``PlainRequestHead/Reading/unusual``) or a chunked body hands the rest of the
/// connection to NIO for good, since from there on only NIO's parser knows where requests begin.
final class PublicAudioFastPath: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Told to ``ReadTimeoutHandler`` when requests were answered here: the client is not idle.
    struct Answered {}

    let directory: SQLiteMetadataStore
    let files: OpusFileCache
    let serverName: String
    /// Requests handed to the router, and the router's answers ended (counted by
    /// ``RouterAnswerCounter``, which sees the responses as HTTP parts).
    private var passedOn = 0
    var routerAnswered = 0
    /// Bytes of a head not yet whole.
    private var unread: ByteBuffer?
    /// Body bytes of a request handed to the router that have not arrived yet.
    private var bodyToPass = 0
    /// The connection is NIO's from here on.
    private var handedOver = false
    /// A `Connection: close` request was answered here.
    private var closing = false
    /// The `Date` header line, made once a second.
    private var date = (second: 0, line: [UInt8]())

    init(directory: SQLiteMetadataStore, files: OpusFileCache, serverName: String) {
        self.directory = directory
        self.files = files
        self.serverName = serverName
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if handedOver {
            context.fireChannelRead(data)
            return
        }
        if closing { return }
        var bytes = unwrapInboundIn(data)
        if bodyToPass > 0 {
            let count = min(bodyToPass, bytes.readableBytes)
            bodyToPass -= count
            context.fireChannelRead(wrapInboundOut(bytes.readSlice(length: count)!))
        }
        if var held = unread.take() {
            held.writeBuffer(&bytes)
            bytes = held
        }
        var answered = false
        reading: while bytes.readableBytes > 0 {
            switch bytes.withUnsafeReadableBytes(PlainRequestHead.read) {
            case .incomplete:
                unread = bytes
                break reading
            case .unusual:
                handedOver = true
                context.fireChannelRead(wrapInboundOut(bytes))
                break reading
            case .head(let head):
                if passedOn == routerAnswered, context.channel.isWritable, let (response, body) = answer(head, context: context) {
                    bytes.moveReaderIndex(forwardBy: head.length)
                    context.write(wrapOutboundOut(response), promise: nil)
                    if let body { context.write(wrapOutboundOut(body), promise: nil) }
                    answered = true
                    if head.connection == "close" {
                        // As the router does: answer, then close; later bytes are not read.
                        closing = true
                        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0)))
                            .assumeIsolatedUnsafeUnchecked().whenComplete { _ in context.close(promise: nil) }
                        break reading
                    }
                } else {
                    passedOn += 1
                    let whole = head.length + head.contentLength, count = min(whole, bytes.readableBytes)
                    bodyToPass = whole - count
                    context.fireChannelRead(wrapInboundOut(bytes.readSlice(length: count)!))
                }
            }
        }
        if answered {
            context.flush()
            context.fireUserInboundEventTriggered(Answered())
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // A head cut short by the client's half-close is NIO's to judge, as it would have been.
        if case .inputClosed? = event as? ChannelEvent, let held = unread.take() {
            handedOver = true
            context.fireChannelRead(wrapInboundOut(held))
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// The response head and body, when this request can be answered here.
    func answer(_ request: PlainRequestHead, context: ChannelHandlerContext) -> (ByteBuffer, ByteBuffer?)? {
        // The route's own reading of `ID.ext`; a query string fails its id check.
        guard request.method == "GET", request.target.hasPrefix("/media/"), !request.hasCredentials, request.contentLength == 0,
              let (id, format) = try? MediaController.parse(String(request.target.dropFirst(7))), format == "opus",
              let recording = directory.cachedPublicRecording(id: id),
              let file = files.file(sha256: recording.sha256), file.readableBytes == recording.byteSize
        else { return nil }
        let answer = OpusAnswer(recording, ifNoneMatch: request.ifNoneMatch, range: request.range, ifRange: request.ifRange)
        let body = answer.body(of: file), statusLine: StaticString
        switch (answer, body) {
        case (.notModified, _): statusLine = "HTTP/1.1 304 Not Modified\r\n"
        case (.whole, .some): statusLine = "HTTP/1.1 200 OK\r\n"
        case (.partial, .some): statusLine = "HTTP/1.1 206 Partial Content\r\n"
        default: return nil  // 416 is the router's JSON error
        }
        var head = context.channel.allocator.buffer(capacity: 512)
        head.writeStaticString(statusLine)
        head.writeBytes(OpusAnswer.representation(recording).wire)
        if let contentRange = answer.contentRange(recording) { head.writeString("Content-Range: \(contentRange)\r\n") }
        if let body { head.writeString("Content-Length: \(body.readableBytes)\r\n") }
        head.writeBytes(dateLine())
        head.writeString("Server: \(serverName)\r\n\r\n")
        return (head, body)
    }

    private func dateLine() -> [UInt8] {
        let now = Date(), second = Int(now.timeIntervalSince1970)
        if second != date.second { date = (second, Array("Date: \(MediaController.httpDate(now))\r\n".utf8)) }
        return date.line
    }
}
