import Foundation
import S3Storage
import Storage
import TestSupport
import Testing

/// What only the S3 store has: multipart uploads, listings in pages, ranges at the edges as S3
/// answers them, signatures checked by the server, and the errors of a wrong bucket, key or endpoint.
/// (Presigned URLs are checked on AWS's published example only: moto does not check them.)
@Suite("S3BlobStore against moto")
struct S3BlobStoreTests {
    static func stores(_ moto: MotoServer, bucket: String = S3TestStores.bucket, prefix: String = UUID().uuidString,
                       credentials: AWSCredentials? = nil, staging: URL, partSize: Int = S3BlobStore.minimumPartSize) throws -> S3BlobStores {
        try S3BlobStores.open(location: S3TestStores.location(moto, bucket: bucket, prefix: prefix),
                              credentials: credentials ?? S3TestStores.credentials(moto), stagingRoot: staging, partSize: partSize)
    }

    @Test("a blob larger than a part goes up in parts and reads back across their seams")
    func multipart() throws {
        let moto = try S3TestStores.server()
        let staging = try ExternalTool.temporaryDirectory("parlons-s3")
        defer { try? FileManager.default.removeItem(at: staging) }
        let prefix = UUID().uuidString
        let audio = try Self.stores(moto, prefix: prefix, staging: staging).audio
        let part = S3BlobStore.minimumPartSize
        var generator = SplitMix(seed: 18)
        let bytes = (0..<(2 * part + 123_457)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let incoming = try audio.beginWrite()
        try bytes.withUnsafeBytes { try incoming.write($0) }
        let finished = try incoming.finish()
        try audio.publish(finished)
        #expect(!FileManager.default.fileExists(atPath: finished.temporaryPath))
        let reader = try #require(try audio.open(sha256: finished.sha256))
        #expect(reader.size == bytes.count)
        #expect(try reader.read(at: part - 10, count: 20) == Array(bytes[(part - 10)..<(part + 10)]))
        #expect(try reader.read(at: 2 * part - 1, count: 200_000) == Array(bytes[(2 * part - 1)...]))
        // Its whole bytes hash to its name, and the object (not its parts) is all there is under the kind's folder.
        var whole: [UInt8] = []
        let cursor = BlobCursor(reader, chunkSize: 3 * 1_024 * 1_024)
        while let chunk = try cursor.next() { whole += chunk }
        #expect(ContentHash.sha256(whole) == finished.sha256)
        let client = try S3TestStores.client(moto, prefix: prefix)
        #expect(try client.list(prefix: "recordings/") == [audio.key(sha256: finished.sha256)])
    }

    @Test("recovery aborts the multipart uploads a crash left in its own folder, and only there")
    func recoveryAbortsUnfinishedUploads() throws {
        let moto = try S3TestStores.server()
        let staging = try ExternalTool.temporaryDirectory("parlons-s3")
        defer { try? FileManager.default.removeItem(at: staging) }
        let prefix = UUID().uuidString
        let stores = try Self.stores(moto, prefix: prefix, staging: staging)
        let client = try S3TestStores.client(moto, prefix: prefix)
        // A crash after the first part of a recording, and a picture's upload elsewhere.
        let crashed = stores.audio.key(sha256: String(repeating: "ab", count: 32))
        let upload = try client.startMultipart(crashed)
        _ = try client.uploadPart(crashed, uploadID: upload, number: 1, bytes: [UInt8](repeating: 7, count: S3BlobStore.minimumPartSize))
        let other = try client.startMultipart(stores.pictures.key(sha256: String(repeating: "cd", count: 32)))
        #expect(try client.unfinishedMultiparts(prefix: "").count == 2)
        let report = try stores.audio.recover(keeping: [])
        #expect(report.unfinishedWritesRemoved == 1 && report.orphanBlobsRemoved == 0, "\(report)")
        let left = try client.unfinishedMultiparts(prefix: "")
        #expect(left.map(\.uploadID) == [other])
        #expect(try stores.audio.recover(keeping: []) == RecoveryReport())
    }

    @Test("listing pages through continuation tokens")
    func listingPages() throws {
        let moto = try S3TestStores.server()
        let client = try S3TestStores.client(moto, prefix: UUID().uuidString)
        // moto pages ListObjectsV2 by 1000 keys.
        let keys = (0..<1_005).map { String(format: "many/%04d", $0) }
        try keys.forEach { try client.put($0, bytes: [1]) }
        #expect(try client.list(prefix: "many/") == keys)
        #expect(try client.list(prefix: "none/") == [])
    }

    @Test("a ranged GET at or past the end is empty, one running past it stops there")
    func rangePastTheEnd() throws {
        let moto = try S3TestStores.server()
        let client = try S3TestStores.client(moto, prefix: UUID().uuidString)
        let bytes = (0..<1_000).map { UInt8(truncatingIfNeeded: $0) }
        try client.put("blob", bytes: bytes)
        #expect(try client.get("blob", range: 2_000..<3_000) == [])
        #expect(try client.get("blob", range: 1_000..<1_001) == [])
        #expect(try client.get("blob", range: 990..<5_000) == Array(bytes[990...]))
        #expect(try client.size(of: "blob") == 1_000)
        #expect(try client.size(of: "missing") == nil)
        do {
            _ = try client.get("missing", range: 0..<10)
            Issue.record("read a missing object")
        } catch {
            guard case .failed(_, 404, "NoSuchKey", _) = error else { Issue.record("\(error)"); return }
        }
    }

    @Test("every kind of request passes moto's signature check, and only with the right secret")
    func signaturesChecked() throws {
        let moto = try S3TestStores.authenticatingServer()
        // No location prefix and no '/' in keys: moto 5.2 rejects any signed query value holding
        // one, such as the listing's prefix (see MotoServer). Only this test writes on this server.
        let client = try S3TestStores.client(moto, prefix: "")
        let bytes = (0..<(S3BlobStore.minimumPartSize + 10)).map { UInt8(truncatingIfNeeded: $0 / 3) }
        try client.put("checked-one", bytes: Array(bytes[..<1_000]), sha256: ContentHash.sha256(bytes[..<1_000]))
        #expect(try client.size(of: "checked-one") == 1_000)
        #expect(try client.get("checked-one", range: 10..<20) == Array(bytes[10..<20]))
        let upload = try client.startMultipart("checked-two")
        let first = try client.uploadPart("checked-two", uploadID: upload, number: 1, bytes: Array(bytes[..<S3BlobStore.minimumPartSize]))
        let second = try client.uploadPart("checked-two", uploadID: upload, number: 2, bytes: Array(bytes[S3BlobStore.minimumPartSize...]))
        try client.completeMultipart("checked-two", uploadID: upload, etags: [first, second])
        #expect(try client.get("checked-two", range: S3BlobStore.minimumPartSize - 2..<bytes.count) == Array(bytes[(S3BlobStore.minimumPartSize - 2)...]))
        let abandoned = try client.startMultipart("checked-three")
        try client.abortMultipart("checked-three", uploadID: abandoned)
        #expect(try client.list(prefix: "checked-") == ["checked-one", "checked-two"])
        try client.delete("checked-one")
        #expect(try client.size(of: "checked-one") == nil)
        let forged = S3Client(location: client.location, credentials: AWSCredentials(accessKeyID: moto.accessKeyID, secretAccessKey: "forged"))
        #expect(throws: S3Error.self) { try forged.get("checked-two", range: 0..<10) }
    }

    @Test("a missing bucket, a wrong secret and an unknown key are told apart at opening")
    func wrongSettings() throws {
        let moto = try S3TestStores.authenticatingServer()
        let staging = try ExternalTool.temporaryDirectory("parlons-s3")
        defer { try? FileManager.default.removeItem(at: staging) }
        #expect(throws: S3Error.noSuchBucket("no-such-bucket")) {
            try Self.stores(moto, bucket: "no-such-bucket", staging: staging)
        }
        let wrongSecret = AWSCredentials(accessKeyID: moto.accessKeyID, secretAccessKey: "not-the-secret")
        do {
            _ = try Self.stores(moto, credentials: wrongSecret, staging: staging)
            Issue.record("opened with a wrong secret")
        } catch let error as S3Error {
            guard case .accessDenied(let code, _) = error else { Issue.record("\(error)"); return }
            #expect(code == "SignatureDoesNotMatch")
            #expect(error.description.contains("refused the credentials"))
        }
        let unknownKey = AWSCredentials(accessKeyID: "AKIAUNKNOWNUNKNOWN00", secretAccessKey: "whatever")
        do {
            _ = try Self.stores(moto, credentials: unknownKey, staging: staging)
            Issue.record("opened with an unknown key")
        } catch let error as S3Error {
            guard case .accessDenied(let code, _) = error else { Issue.record("\(error)"); return }
            #expect(code == "InvalidAccessKeyId")
        }
    }

    @Test("an endpoint nobody listens on is unreachable, and says which")
    func unreachable() throws {
        // A port that was free a moment ago: bound, read and closed by a canned server.
        let closed = try CannedHTTPServer(status: "200 OK", body: "")
        closed.stop()
        let port = closed.port
        let staging = try ExternalTool.temporaryDirectory("parlons-s3")
        defer { try? FileManager.default.removeItem(at: staging) }
        let location = try S3Location(parsing: "s3://parlons-tests?endpoint=http://127.0.0.1:\(port)")
        do {
            _ = try S3BlobStores.open(location: location, credentials: AWSCredentials(accessKeyID: "a", secretAccessKey: "b"),
                                      stagingRoot: staging, requestTimeout: .seconds(3))
            Issue.record("opened a store on a closed port")
        } catch let error as S3Error {
            guard case .unreachable(let endpoint, let reason) = error else { Issue.record("\(error)"); return }
            #expect(endpoint == "http://127.0.0.1:\(port)")
            #expect(reason == "Connection refused")
            #expect(StorageError.classify(error)?.code == .io)
        }
    }

    @Test("missing credentials name the variables to set")
    func missingCredentials() throws {
        #expect(throws: S3Error.missingCredentials(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"])) {
            try AWSCredentials.fromEnvironment([:])
        }
        #expect(throws: S3Error.missingCredentials(["AWS_SECRET_ACCESS_KEY"])) {
            try AWSCredentials.fromEnvironment(["AWS_ACCESS_KEY_ID": "key", "AWS_SECRET_ACCESS_KEY": ""])
        }
        #expect(try AWSCredentials.fromEnvironment(["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"])
            == AWSCredentials(accessKeyID: "k", secretAccessKey: "s"))
    }
}
