import Foundation
import S3Storage
import Storage
import TestSupport
import Testing

/// Recovery when several nodes share a prefix: what is younger than the grace period may be
/// another node's upload in flight (its object put, its row not yet committed; its multipart
/// upload half sent), so only older leftovers are removed.
@Suite("S3 recovery's grace period")
struct S3SweepGraceTests {
    @Test("an unreferenced object and a multipart upload younger than the grace period are kept; once older, removed")
    func graceSparesUploadsInFlight() async throws {
        let moto = try await S3TestStores.server()
        let staging = try ExternalTool.temporaryDirectory("parlons-s3-grace")
        defer { try? FileManager.default.removeItem(at: staging) }
        let prefix = UUID().uuidString
        let client = try S3TestStores.client(moto, prefix: prefix)
        func stores(grace: Duration) throws -> S3BlobStores {
            try S3BlobStores.open(location: S3TestStores.location(moto, prefix: prefix), credentials: S3TestStores.credentials(moto),
                                  stagingRoot: staging, sweepGrace: grace)
        }
        let patient = try stores(grace: .seconds(3_600))
        let referenced = patient.audio.key(sha256: String(repeating: "aa", count: 32))
        let inFlight = patient.audio.key(sha256: String(repeating: "bb", count: 32))
        try client.put(referenced, bytes: [1, 2, 3])
        try client.put(inFlight, bytes: [4, 5, 6])
        // An upload half sent. moto answers every upload's Initiated as 2010-11-10 (S3, MinIO and
        // Garage give the real time), so here its part's time is what marks it as in flight.
        let halfSent = patient.audio.key(sha256: String(repeating: "cc", count: 32))
        let upload = try client.startMultipart(halfSent)
        _ = try client.uploadPart(halfSent, uploadID: upload, number: 1, bytes: [UInt8](repeating: 7, count: 1_000))

        #expect(try patient.audio.recover(keeping: [String(repeating: "aa", count: 32)]) == RecoveryReport())
        #expect(Set(try client.list(prefix: "recordings/")) == [referenced, inFlight])
        #expect(try client.unfinishedMultiparts(prefix: "").map(\.uploadID) == [upload])
        let lastPart = try #require(try client.lastPartWritten(halfSent, uploadID: upload))
        #expect(abs(lastPart.timeIntervalSinceNow) < 60)

        // A second later, with a grace of one second, they are leftovers: removed, the referenced one kept.
        try await Task.sleep(for: .milliseconds(1_500))
        let report = try stores(grace: .seconds(1)).audio.recover(keeping: [String(repeating: "aa", count: 32)])
        #expect(report.orphanBlobsRemoved == 1 && report.unfinishedWritesRemoved == 1, "\(report)")
        #expect(try client.list(prefix: "recordings/") == [referenced])
        #expect(try client.unfinishedMultiparts(prefix: "").isEmpty)
    }

    @Test("publishing bytes already in the bucket writes the object again, so a recovery that listed it as old spares it")
    func republishMakesYoung() async throws {
        let moto = try await S3TestStores.server()
        let staging = try ExternalTool.temporaryDirectory("parlons-s3-grace")
        defer { try? FileManager.default.removeItem(at: staging) }
        let prefix = UUID().uuidString
        let client = try S3TestStores.client(moto, prefix: prefix)
        let audio = try S3BlobStores.open(location: S3TestStores.location(moto, prefix: prefix), credentials: S3TestStores.credentials(moto),
                                          stagingRoot: staging, sweepGrace: .seconds(3)).audio
        func publish() throws -> String {
            let incoming = try audio.beginWrite()
            try [UInt8](repeating: 9, count: 1_000).withUnsafeBytes { try incoming.write($0) }
            let finished = try incoming.finish()
            try audio.publish(finished)
            return audio.key(sha256: finished.sha256)
        }
        let key = try publish()
        let first = try #require(try client.objects(prefix: key).first?.lastModified)
        // Three seconds of grace (not one): on a loaded machine the republish and the recovery
        // below may be more than a second apart.
        try await Task.sleep(for: .milliseconds(3_100))
        // An orphan older than the grace period, published again by a twin's upload: young again.
        #expect(try publish() == key)
        let second = try #require(try client.objects(prefix: key).first?.lastModified)
        #expect(second.timeIntervalSince(first) >= 1)
        #expect(try audio.recover(keeping: []) == RecoveryReport())
        #expect(try client.list(prefix: "recordings/") == [key])
    }

    @Test("a negative or non-numeric --sweep-grace stops serve with a message naming it", arguments: ["--sweep-grace=-5", "--sweep-grace=soon"])
    func badGrace(_ option: String) throws {
        let media = try ExternalTool.temporaryDirectory("parlons-s3-grace")
        defer { try? FileManager.default.removeItem(at: media) }
        let run = try ExternalTool.run(ServerProcess.binaryPath, ["serve", "--port", "0", "--media", media.path, "--scenarios", "none", option],
                                       requireSuccess: false)
        #expect(run.status != 0)
        #expect((run.stdout + run.stderr).contains("--sweep-grace"), "\(run.stdout) \(run.stderr)")
        #expect(!(run.stdout + run.stderr).contains("listening"))
    }
}
