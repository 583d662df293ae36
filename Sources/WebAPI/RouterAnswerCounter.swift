import NIOCore
import NIOHTTPTypes

/// Counts the router's ended responses for ``PublicAudioFastPath``, and puts that handler first in
/// the pipeline when it is itself added.
///
/// Hummingbird adds its extra channel handlers after NIO's HTTP parser; the fast path must read
/// the bytes before that parser does, and the responses' ends are only visible as HTTP parts after it.
final class RouterAnswerCounter: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let fastPath: PublicAudioFastPath

    init(fastPath: PublicAudioFastPath) {
        self.fastPath = fastPath
    }

    func handlerAdded(context: ChannelHandlerContext) {
        do {
            try context.pipeline.syncOperations.addHandler(fastPath, position: .first)
        } catch {
            // Only a closed channel refuses a handler; it has no requests left to answer.
            context.close(promise: nil)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { fastPath.routerAnswered += 1 }
        context.write(data, promise: promise)
    }
}
