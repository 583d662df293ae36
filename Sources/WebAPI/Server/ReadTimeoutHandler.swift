import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client keeps the server waiting: headers never finished, an upload
/// stalled mid-body, a keep-alive connection left idle.
///
/// Only time the server spends *asking* for bytes counts. Hummingbird's own idle timeout counts
/// from the last request part read, so when a busy server stops reading an upload (back-pressure:
/// the encoder is behind), it closed connections whose clients were sending as fast as allowed.
/// Here the clock runs only while a read is outstanding and no request is waiting for its answer;
/// it is set back to zero by every request part read and every response finished.
final class ReadTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let timeout: TimeAmount
    private var readOutstanding = false
    /// Requests read to their end, and responses ended: while more of the first, the server is
    /// working on an answer. (A response may end before its request, when a route refuses early.)
    private var requestsEnded = 0
    private var responsesEnded = 0
    private var waitedBefore = TimeAmount.zero
    private var waitingSince: NIODeadline?
    private var check: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    private var waiting: Bool { readOutstanding && requestsEnded <= responsesEnded }

    /// Folds the time waited so far into `waitedBefore` after `change`, and starts or stops the clock.
    private func update(_ context: ChannelHandlerContext, _ change: () -> Void) {
        let now = context.eventLoop.now
        if let since = waitingSince { waitedBefore = waitedBefore + (now - since) }
        change()
        waitingSince = waiting ? now : nil
        if waiting, check == nil { schedule(context, after: timeout - waitedBefore) }
    }

    private func schedule(_ context: ChannelHandlerContext, after delay: TimeAmount) {
        let loop = context.eventLoop.assumeIsolatedUnsafeUnchecked()
        check = loop.scheduleTask(in: max(delay, .milliseconds(1))) { [self] in
            check = nil
            let now = context.eventLoop.now
            let waited = waitedBefore + (waitingSince.map { now - $0 } ?? .zero)
            if waiting && waited >= timeout {
                context.close(promise: nil)
            } else if waiting {
                schedule(context, after: timeout - waited)
            }
        }
    }

    private func progress() {
        waitedBefore = .zero
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        update(context) {
            progress()
            if case .end = unwrapInboundIn(data) { requestsEnded += 1 }
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        update(context) { readOutstanding = false }
        context.fireChannelReadComplete()
    }

    func read(context: ChannelHandlerContext) {
        update(context) { readOutstanding = true }
        context.read()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            update(context) {
                progress()
                responsesEnded += 1
            }
        }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        check?.cancel()
        check = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        check?.cancel()
        check = nil
    }
}
