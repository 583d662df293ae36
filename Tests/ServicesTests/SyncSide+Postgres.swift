import EmbeddedStorage
import Foundation
import PostgresStorage
import Storage
import TestSupport

extension SyncSide {
    /// A server on PostgreSQL (a new database of the test cluster, dropped when the side ends)
    /// with its blobs in a media folder: a centre of a network.
    static func onPostgres(_ name: String, under parent: URL? = nil) async throws -> SyncSide {
        let cluster = try await PostgresCluster.shared()
        let database = try cluster.createDatabase(prefix: "sync")
        let root = try ServiceWorld.folder(under: parent)
        guard let location = PostgresLocation(url: cluster.url(database: database)) else {
            throw StorageError(code: .io, message: "the test cluster's URL does not parse")
        }
        let metadata = try await PostgresMetadataStore.open(location, maximumConnections: 4)
        let stores = metadata.stores(audio: try FileBlobStore(root: root, kind: .recordings), peaks: try FileBlobStore(root: root, kind: .peaks),
                                     pictures: try FileBlobStore(root: root, kind: .pictures))
        return SyncSide(name, world: ServiceWorld(root: root, stores: stores, cleanup: { try? cluster.dropDatabase(database) }))
    }
}
