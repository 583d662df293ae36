import Crypto
import Foundation
import Storage

/// Rewrites a bundle's `items.json` (or another file) and signs the result again with the pair's key: what a peer
/// gone wrong (or a bug) would send, which the signature alone cannot catch.
enum SignedBundleEditor {
    static func rewriteItems(of url: URL, key: [UInt8], _ edit: (inout [String: Any]) throws -> Void) throws {
        try rewriteFile(named: "items.json", of: url, key: key) { bytes in
            var items = try JSONSerialization.jsonObject(with: bytes) as! [String: Any]
            try edit(&items)
            bytes = try JSONSerialization.data(withJSONObject: items, options: [.sortedKeys])
        }
    }

    /// Rewrites the bytes of the bundle's file `name` (its size and SHA-256 in the manifest follow,
    /// its name stays) and signs the result again with the pair's key.
    /// Rewrites the bundle's manifest (its files as they are) and signs it again with the pair's key.
    static func rewriteManifest(of url: URL, key: [UInt8], _ edit: (inout [String: Any]) -> Void) throws {
        try rewriteFile(named: "", of: url, key: key, manifest: edit) { _ in }
    }

    static func rewriteFile(named name: String, of url: URL, key: [UInt8], manifest editManifest: (inout [String: Any]) -> Void = { _ in },
                            _ edit: (inout Data) throws -> Void) throws {
        let data = try Data(contentsOf: url)
        var position = data.startIndex
        func line() -> Data {
            let end = data[position...].firstIndex(of: UInt8(ascii: "\n"))!
            defer { position = end + 1 }
            return data[position..<end]
        }
        let magic = line()
        let length = Int(String(decoding: line(), as: UTF8.self))!
        var manifest = try JSONSerialization.jsonObject(with: data[position..<(position + length)]) as! [String: Any]
        position += length + 1
        _ = line()  // the old signature
        var files = manifest["files"] as! [[String: Any]]
        var body = Data()
        for index in files.indices {
            let size = files[index]["size"] as! Int
            var bytes = Data(data[position..<(position + size)])
            position += size
            if files[index]["name"] as? String == name {
                try edit(&bytes)
                files[index]["size"] = bytes.count
                files[index]["sha256"] = SHA256.hash(data: bytes).lowercaseHex
            }
            body += bytes
        }
        manifest["files"] = files
        editManifest(&manifest)
        let manifestBytes = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys])
        let signature = HMAC<SHA256>.authenticationCode(for: manifestBytes, using: SymmetricKey(data: key))
        let out = Data(magic) + Data("\n\(manifestBytes.count)\n".utf8) + manifestBytes + Data("\n\(signature.lowercaseHex)\n".utf8) + body
        try out.write(to: url)
    }
}
