import APIFuzzTargets
import AudioCodec
import Foundation
import ScenarioFuzzTargets
import Testing
import Transcripts
@testable import FuzzTargets

/// Replays the committed fuzz corpus (Fuzz/Corpus/<target>: real-tool seeds and the inputs that
/// once crashed a parser) through the same entry points the libFuzzer binaries use, without the
/// sanitizers: a fixed bug that comes back traps here, in CI.
@Suite("Fuzz corpus replay")
struct FuzzCorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus")

    /// Each corpus folder and the target its inputs go through (the names `Fuzz/run` takes).
    static let targets: [String: @Sendable ([UInt8]) -> Void] = [
        "wav": WAVFuzzTarget.run, "ogg": OggFuzzTarget.run, "webm": WebMFuzzTarget.run,
        "mp4": MP4FuzzTarget.run, "caf": CAFFuzzTarget.run,
        "vtt": { TranscriptFuzzTarget.run($0, as: .webVTT) }, "srt": { TranscriptFuzzTarget.run($0, as: .srt) },
        "textgrid": { TranscriptFuzzTarget.run($0, as: .textGrid) }, "eaf": { TranscriptFuzzTarget.run($0, as: .eaf) },
        "tjson": { TranscriptFuzzTarget.run($0, as: .json) }, "body": APIBodyFuzzTarget.run,
        "scenario": ScenarioFuzzTarget.run,
    ]

    @Test("every corpus input runs through its target without a trap",
          arguments: ["wav", "ogg", "webm", "mp4", "caf", "vtt", "srt", "textgrid", "eaf", "tjson", "body", "scenario"])
    func replay(_ name: String) throws {
        let folder = Self.corpus.appendingPathComponent(name)
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
        try #require(!files.isEmpty, "no corpus in \(folder.path)")
        let run = try #require(Self.targets[name])
        for file in files { run([UInt8](try Data(contentsOf: file))) }
    }

    /// Were the recomputed CRCs wrong, the Ogg and CAF fuzzers would only ever test the CRC check.
    @Test("recomputing page CRCs leaves real Ogg files unchanged and repairs a flipped byte")
    func pageCRCs() throws {
        let folder = Self.corpus.appendingPathComponent("ogg")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "opus" }
        try #require(!files.isEmpty)
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            #expect(OggPageCRC.fixed(bytes) == bytes, "\(file.lastPathComponent)")
            var flipped = bytes
            flipped[30] ^= 0x01  // inside the OpusHead packet of the first page
            let reader = OggPacketReader(allowsChaining: true)  // chained.opus is two streams
            try OggPageCRC.fixed(flipped).withUnsafeBytes { try reader.consume($0, packet: { _, _ in }, pageEnd: { _ in }) }
            try reader.finish()
        }
    }

    @Test("every corpus folder belongs to a target")
    func noStrayFolders() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { !$0.hasPrefix(".") }
        #expect(Set(folders) == Set(Self.targets.keys))
    }
}
