import Crypto
import Foundation
import Storage

/// One bundle file: `PARLONS-SYNC 1`, the manifest's length, the manifest (JSON), its
/// HMAC-SHA256 with the pair's key, then every file of the manifest, one after another.
///
/// Reading checks everything before anything is used: the format, the group, the signature, the
/// length and the SHA-256 of every file.
enum SyncBundle {
    static let magic = "PARLONS-SYNC 1\n"
    static let fileExtension = "parlons-sync"

    /// A file to put in a bundle: bytes in memory, or a stored blob.
    enum Content {
        case bytes([UInt8])
        case blob(any BlobReader)

        var size: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .blob(let reader): reader.size
            }
        }
    }

    /// Writes the bundle to `url` (a temporary name first, renamed once whole and flushed).
    static func write(_ manifest: SyncManifest, files: [Content], key: [UInt8], to url: URL) throws -> Int {
        let manifestBytes = try JSONEncoder.sorted.encode(manifest)
        let signature = HMAC<SHA256>.authenticationCode(for: manifestBytes, using: SymmetricKey(data: key))
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary.path) else {
            throw SyncError.cannotWrite(path: url.deletingLastPathComponent().path, reason: "a file cannot be made there")
        }
        var written = 0
        func put(_ data: Data) throws {
            try handle.write(contentsOf: data)
            written += data.count
        }
        do {
            try put(Data(magic.utf8))
            try put(Data("\(manifestBytes.count)\n".utf8))
            try put(manifestBytes)
            try put(Data("\n\(signature.lowercaseHex)\n".utf8))
            for file in files {
                switch file {
                case .bytes(let bytes): try put(Data(bytes))
                case .blob(let reader):
                    let cursor = BlobCursor(reader, chunkSize: 256 * 1_024)
                    while let chunk = try cursor.next() { try put(Data(chunk)) }
                }
            }
            try handle.synchronize()
            try handle.close()
            _ = try? FileManager.default.removeItem(at: url)
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw SyncError.cannotWrite(path: url.deletingLastPathComponent().path, reason: "\(error.localizedDescription)")
        }
        return written
    }

    /// A bundle read and checked.
    struct Verified {
        let manifest: SyncManifest
        let payload: SyncPayload
        /// Audio files by SHA-256.
        let audio: [String: Data]
        /// Photo files by SHA-256.
        var pictures: [String: Data] = [:]
    }

    /// Reads the manifest only (not yet checked): to know the group, and so the key.
    static func manifest(at url: URL) throws -> (manifest: SyncManifest, bytes: Data, signature: String, bodyStart: Int, data: Data) {
        let name = url.lastPathComponent
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
            throw SyncError.unreadable(file: name, reason: "it cannot be read")
        }
        let magicBytes = Data(magic.utf8)
        guard data.count > magicBytes.count, data.prefix(magicBytes.count) == magicBytes else {
            throw SyncError.unreadable(file: name, reason: "it does not start like one")
        }
        var position = data.startIndex + magicBytes.count
        func line() throws -> String {
            guard let end = data[position...].prefix(200).firstIndex(of: UInt8(ascii: "\n")) else {
                throw SyncError.unreadable(file: name, reason: "it ends too early")
            }
            let text = String(decoding: data[position..<end], as: UTF8.self)
            position = end + 1
            return text
        }
        guard let length = Int(try line()), length > 0, length <= data.endIndex - position else {
            throw SyncError.unreadable(file: name, reason: "its manifest is cut short")
        }
        let manifestBytes = data[position..<(position + length)]
        position += length
        guard position < data.endIndex, data[position] == UInt8(ascii: "\n") else {
            throw SyncError.unreadable(file: name, reason: "its signature is missing")
        }
        position += 1
        let signature = try line()
        guard let manifest = try? JSONDecoder().decode(SyncManifest.self, from: manifestBytes) else {
            throw SyncError.unreadable(file: name, reason: "its manifest is not one Parlons writes")
        }
        guard manifest.format == SyncManifest.currentFormat else {
            throw SyncError.unreadable(file: name, reason: "it is format \(manifest.format), this server reads format \(SyncManifest.currentFormat)")
        }
        return (manifest, Data(manifestBytes), signature, position, data)
    }

    /// Checks the signature with `key`, then every file's length and SHA-256.
    static func verify(at url: URL, key: [UInt8]) throws -> Verified {
        let name = url.lastPathComponent
        let (manifest, manifestBytes, signature, bodyStart, data) = try manifest(at: url)
        guard let given = Data(hex: signature), HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: manifestBytes,
                                                                                      using: SymmetricKey(data: key)) else {
            throw SyncError.wrongSignature(file: name)
        }
        let total = manifest.files.reduce(0) { $0 + $1.size }
        guard data.endIndex - bodyStart == total else {
            throw SyncError.tampered(file: name, reason: "it holds \(data.endIndex - bodyStart) bytes of files, its manifest names \(total)")
        }
        var position = bodyStart
        var payload: SyncPayload?
        var audio: [String: Data] = [:]
        var pictures: [String: Data] = [:]
        for file in manifest.files {
            let bytes = data[position..<(position + file.size)]
            position += file.size
            guard SHA256.hash(data: bytes).lowercaseHex == file.sha256 else {
                throw SyncError.tampered(file: name, reason: "\(file.name) does not have the SHA-256 its manifest names")
            }
            if file.name == "items.json" {
                do {
                    payload = try SyncPayload.decoder.decode(SyncPayload.self, from: bytes)
                } catch {
                    throw SyncError.unreadable(file: name, reason: "items.json cannot be read: \(error)")
                }
            } else if file.name.hasPrefix("audio/"), file.name.dropFirst(6) == file.sha256 {
                audio[file.sha256] = bytes  // a slice of the mapped file: no copy in memory
            } else if file.name.hasPrefix("pictures/") {
                // Photos are named by their hash: bytes that hash otherwise are not that photo.
                guard file.name.dropFirst(9) == file.sha256 else {
                    throw SyncError.tampered(file: name, reason: "photo \(file.name.dropFirst(9).prefix(64)) has bytes of another SHA-256 (\(file.sha256))")
                }
                pictures[file.sha256] = bytes
            } else {
                throw SyncError.unreadable(file: name, reason: "it holds a file named \(file.name.prefix(80))")
            }
        }
        guard let payload else { throw SyncError.unreadable(file: name, reason: "it has no items.json") }
        return Verified(manifest: manifest, payload: payload, audio: audio, pictures: pictures)
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

extension Data {
    /// Bytes from lowercase or uppercase hexadecimal; nil when it is not.
    init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        self.init(bytes)
    }
}
