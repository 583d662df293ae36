import EmbeddedStorage
import Foundation
import PostgresStorage
import Storage
import StoreConformance
import Synchronization
import TestSupport
import Testing

/// The PostgreSQL stores for the conformance suites: each factory call opens a new database in
/// the test process's cluster, with the media folder's blob stores in a folder of its own; the
/// databases and folders are dropped after the check.
enum PostgresStores {
    static func check(_ conformance: ConformanceCase) async throws {
        let cluster = try await PostgresCluster.shared()
        let parent = try ExternalTool.temporaryDirectory("parlons-conformance")
        let databases = DatabaseList()
        defer {
            try? FileManager.default.removeItem(at: parent)
            for name in databases.names { try? cluster.dropDatabase(name) }
        }
        try await conformance.run {
            let name = try cluster.createDatabase(prefix: "conformance")
            databases.add(name)
            return try await open(url: cluster.url(database: name), root: parent.appendingPathComponent(name, isDirectory: true))
        }
    }

    /// The stores on the database at `url`, blobs under `root`.
    static func open(url: String, root: URL) async throws -> Stores {
        let location = try #require(PostgresLocation(url: url))
        let database = try await PostgresMetadataStore.open(location, maximumConnections: 4)
        return database.stores(audio: try FileBlobStore(root: root, kind: .recordings), peaks: try FileBlobStore(root: root, kind: .peaks),
                               pictures: try FileBlobStore(root: root, kind: .pictures))
    }
}

/// The databases one check made.
final class DatabaseList: Sendable {
    private let list = Mutex<[String]>([])
    func add(_ name: String) { list.withLock { $0.append(name) } }
    var names: [String] { list.withLock { $0 } }
}
