import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing
@testable import WebAPI

/// The read timeout on an in-memory channel with a hand-driven clock.
@Suite("Read timeout: only time spent asking for bytes counts")
struct ReadTimeoutHandlerTests {
    static let timeout = TimeAmount.seconds(10)

    static func channel() throws -> (EmbeddedChannel, EmbeddedEventLoop) {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(handler: ReadTimeoutHandler(timeout: timeout), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, loop)
    }

    // `writeInbound` ends with a read-complete, as a socket read does; the server then asks for
    // more with `read()` when it wants more.
    static let upload = HTTPRequestPart.head(HTTPRequest(method: .post, scheme: "http", authority: "a", path: "/api/recordings"))

    @Test("an idle keep-alive connection is closed once the timeout has passed, not before")
    func idle() throws {
        let (channel, loop) = try Self.channel()
        channel.pipeline.read()
        loop.advanceTime(by: .seconds(9))
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }

    @Test("an upload the server stops reading (back-pressure) is not cut off, however long")
    func backPressure() throws {
        let (channel, loop) = try Self.channel()
        channel.pipeline.read()
        try channel.writeInbound(Self.upload)
        try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "RIFF")))
        channel.pipeline.fireChannelReadComplete()
        // The server asks for nothing for a minute: the client is not the slow one.
        loop.advanceTime(by: .seconds(60))
        #expect(channel.isActive)
        // It asks again and the client sends in time, then stalls.
        channel.pipeline.read()
        loop.advanceTime(by: .seconds(8))
        try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "WAVE")))
        channel.pipeline.read()
        loop.advanceTime(by: .seconds(8))
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(3))
        #expect(!channel.isActive)
    }

    @Test("headers trickling a byte at a time are cut off: reads that bring no request part add up")
    func slowLoris() throws {
        let (channel, loop) = try Self.channel()
        for _ in 0..<3 {
            channel.pipeline.read()
            loop.advanceTime(by: .seconds(3))
            channel.pipeline.fireChannelReadComplete()
            loop.advanceTime(by: .milliseconds(10))
        }
        #expect(channel.isActive)
        channel.pipeline.read()
        loop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }

    @Test("a request being answered is not timed out; the clock starts again once its response ends")
    func answering() throws {
        let (channel, loop) = try Self.channel()
        channel.pipeline.read()
        try channel.writeInbound(Self.upload)
        try channel.writeInbound(HTTPRequestPart.end(nil))
        channel.pipeline.read()
        // A long alignment: reads stay requested, the server is busy.
        loop.advanceTime(by: .seconds(45))
        #expect(channel.isActive)
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        loop.advanceTime(by: .seconds(9))
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }

    @Test("a refusal answered before its request ended does not leave the connection without a timeout")
    func earlyRefusal() throws {
        let (channel, loop) = try Self.channel()
        channel.pipeline.read()
        try channel.writeInbound(Self.upload)
        channel.pipeline.read()
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .contentTooLarge)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        channel.pipeline.read()
        loop.advanceTime(by: .seconds(11))
        #expect(!channel.isActive)
    }
}
