import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request the HTTP parser cannot read (a control character in a header, a broken
/// request line) with the API's JSON error, `400 malformed_request` naming the parser's complaint,
/// then closes the connection, as every other bad input is answered. Hummingbird would answer an
/// empty `400`.
///
/// Only between requests: while a request awaits its answer (a body cut by a broken chunk), the
/// error goes on to Hummingbird, which answers once that response is out, so two answers never
/// interleave.
final class MalformedRequestResponder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var requestsStarted = 0
    private var responsesEnded = 0
    private var answered = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { requestsStarted += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { responsesEnded += 1 }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, requestsStarted == responsesEnded, !answered else {
            context.fireErrorCaught(error)
            return
        }
        answered = true
        let body = Self.body(for: parserError)
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.contentLength] = String(body.readableBytes)
        fields[.connection] = "close"
        fields[.cacheControl] = "no-store"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .badRequest, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        // Closed once the answer is out (on the channel's event loop, where the context lives).
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }

    /// `{"error":{"code":"malformed_request","message":"…"}}`, as every API error.
    static func body(for error: HTTPParserError) -> ByteBuffer {
        let message = "the request is not readable HTTP (\(Self.reason(error))); nothing was done"
        return ByteBuffer(bytes: (try? APIErrorBody.encoded(code: "malformed_request", message: message)) ?? Data())
    }

    /// The parser's complaint in words.
    static func reason(_ error: HTTPParserError) -> String {
        switch error {
        case .invalidHeaderToken: "a header holds a character headers may not hold"
        case .invalidMethod: "an unknown method"
        case .invalidURL: "a malformed path"
        case .invalidVersion: "an unknown HTTP version"
        case .headerOverflow: "headers too large"
        case .invalidContentLength, .unexpectedContentLength: "a malformed Content-Length"
        case .invalidChunkSize: "a malformed chunk size"
        default: "\(error)"
        }
    }
}
