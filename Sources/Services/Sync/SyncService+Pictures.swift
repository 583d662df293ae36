import Foundation
import Storage

extension SyncService {
    /// Refuses (`tampered`, `malformed`) a bundle whose photos are not what it says, before anything
    /// is written: each photo's file has its record's size and is a PNG, JPEG or WebP of at most
    /// ``ImageFormat/maxBytes`` of that type, and every photo its people and group show is in it or
    /// already here.
    func checkPictures(_ bundle: SyncBundle.Verified, file name: String) async throws {
        for picture in bundle.payload.pictures {
            guard let bytes = bundle.pictures[picture.sha256] else {
                throw SyncError.malformed(file: name, reason: "photo \(picture.sha256) is named but its file is not in the bundle")
            }
            guard bytes.count == picture.byteSize, bytes.count <= ImageFormat.maxBytes else {
                throw SyncError.tampered(file: name, reason: "photo \(picture.sha256) holds \(bytes.count) bytes, its record says \(picture.byteSize)")
            }
            let format = try? ImageFormat.recognise([UInt8](bytes))
            guard format?.rawValue == picture.contentType else {
                throw SyncError.malformed(file: name, reason: "photo \(picture.sha256) is not the \(picture.contentType.prefix(40)) its record says")
            }
        }
        let arriving = Set(bundle.payload.pictures.map(\.sha256))
        let shown = bundle.payload.people.map { ("person \($0.id)", $0.avatarPhoto) } + bundle.payload.groups.map { ("group \($0.id)", $0.picturePhoto) }
        for case let (owner, hash?) in shown where !arriving.contains(hash) {
            guard try await stores.photos.picture(sha256: hash) != nil, try stores.pictures.open(sha256: hash) != nil else {
                throw SyncError.malformed(file: name, reason: "the photo of \(owner) (\(hash.prefix(64))) is neither in the bundle nor here")
            }
        }
    }

    /// Publishes the bundle's photos this server does not hold yet, each checked against its name
    /// as it is written; returns the hashes published.
    func publishPictures(_ bundle: SyncBundle.Verified) throws -> [String] {
        var published: [String] = []
        do {
            for (hash, bytes) in bundle.pictures.sorted(by: { $0.key < $1.key }) {
                guard try stores.pictures.open(sha256: hash) == nil else { continue }
                let incoming = try stores.pictures.beginWrite()
                do {
                    try bytes.withUnsafeBytes { try incoming.write($0) }
                    let finished = try incoming.finish()
                    guard finished.sha256 == hash else {
                        stores.pictures.discard(finished)
                        throw SyncError.tampered(file: "pictures/\(hash)", reason: "written bytes differ")
                    }
                    try stores.pictures.publish(finished)
                    published.append(hash)
                } catch {
                    incoming.discard()
                    throw error
                }
            }
        } catch {
            for hash in published { try? stores.pictures.remove(sha256: hash) }
            throw error
        }
        return published
    }

    /// Removes the published photos no row shows (the batch left them out, or was rolled back).
    func removeUnshown(_ published: [String]) async throws {
        guard !published.isEmpty else { return }
        let referenced = try await stores.photos.referencedPictureHashes()
        for hash in published where !referenced.contains(hash) { try stores.pictures.remove(sha256: hash) }
    }
}
