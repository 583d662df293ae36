import AudioCodec
import Foundation
import Testing
import TestSupport

/// `/media/ID.caf`: the stored Opus packets in Apple's Core Audio Format, for Safari before 18.4.
@Suite("CAF for older Safari")
struct CAFTests {
    /// A small independent CAF reader: chunk type → body.
    static func chunks(_ bytes: [UInt8]) throws -> [String: [UInt8]] {
        try #require(bytes.count > 8 && String(decoding: bytes[0..<4], as: UTF8.self) == "caff")
        var chunks: [String: [UInt8]] = [:]
        var position = 8
        while position + 12 <= bytes.count {
            let type = String(decoding: bytes[position..<(position + 4)], as: UTF8.self)
            let size = Int(bytes[(position + 4)..<(position + 12)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
            chunks[type] = Array(bytes[(position + 12)..<min(bytes.count, position + 12 + size)])
            position += 12 + size
        }
        return chunks
    }

    static func bigEndian(_ bytes: ArraySlice<UInt8>) -> Int { Int(bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }) }

    @Test("the same packets, a packet table with priming and remainder, readable by ffmpeg", arguments: ["opusenc-60ms", "wav"])
    func caf(_ source: String) async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let wav = directory.appendingPathComponent("speech.wav"), ogg = directory.appendingPathComponent("speech.opus")
        try Data(try ExternalTool.speechWAV()).write(to: wav)
        try await ExternalTool.run("opusenc", ["--quiet", "--framesize", "60", wav.path, ogg.path])
        let upload = [UInt8](try Data(contentsOf: source == "wav" ? wav : ogg))
        let json = try await server.client.send("POST", "/api/recordings", body: .bytes(upload)).json()
        let id = try #require(json["id"] as? String)
        #expect((json["media"] as? [String: String])?["caf"] == "/media/\(id).caf")
        let stored = try await server.client.get("/media/\(id).opus").body
        let response = try await server.client.get("/media/\(id).caf")
        #expect(response.status == 200 && response.header("Content-Type") == "audio/x-caf")
        #expect(response.header("Content-Length") == "\(response.body.count)")

        let chunks = try Self.chunks(response.body)
        let desc = try #require(chunks["desc"])
        #expect(Double(bitPattern: UInt64(Self.bigEndian(desc[0..<8]))) == 48_000)
        #expect(String(decoding: desc[8..<12], as: UTF8.self) == "opus")
        #expect(Self.bigEndian(desc[24..<28]) == 1)
        let packets = Array(try OggPageScanner.packets(stored).dropFirst(2))
        let pakt = try #require(chunks["pakt"])
        #expect(Self.bigEndian(pakt[0..<8]) == packets.count)
        let decoded = try AudioDecoding.oggOpus(stored)
        #expect(Self.bigEndian(pakt[8..<16]) == decoded.samples.count, "valid frames")
        #expect(Self.bigEndian(pakt[16..<20]) == decoded.head.preSkip, "priming frames")
        let data = try #require(chunks["data"])
        #expect(Array(data.dropFirst(4)) == packets.flatMap { $0 }, "the same packets, in order")

        let file = directory.appendingPathComponent("x.caf"), out = directory.appendingPathComponent("x.wav")
        try Data(response.body).write(to: file)
        let probe = try await ExternalTool.run("ffprobe", ["-loglevel", "error", "-show_entries", "stream=codec_name,channels", "-of", "csv=p=0", file.path])
        #expect(probe.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "opus,1")
        try await ExternalTool.run("ffmpeg", ["-loglevel", "error", "-i", file.path, out.path])
        let played = try AudioDecoding.wav([UInt8](Data(contentsOf: out))).samples
        #expect(abs(played.count - decoded.samples.count) <= decoded.head.preSkip + 2_880 * 2)
    }
}
