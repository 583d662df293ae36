import Foundation
import Hummingbird
import NIOCore

extension ClientFiles {
    /// `/sw.js`: the learner app's service worker (`Public/sw.js`) with the folders and files it
    /// keeps and a version made from their bytes, so the script changes whenever a file does and
    /// browsers install the new one. Served from the root, so its scope is the whole site.
    static let serviceWorker: String = {
        let template = (try? String(contentsOfFile: root + "/sw.js", encoding: .utf8)) ?? ""
        let files = shellFiles()
        let list = { (paths: [String]) in "[" + paths.map { "'/\($0)'" }.joined(separator: ", ") + "]" }
        return template
            .replacingOccurrences(of: "'__VERSION__'", with: "'\(version(of: files))'")
            .replacingOccurrences(of: "__FOLDERS__", with: list(shellFolders))
            .replacingOccurrences(of: "__FILES__", with: list(files))
    }()

    /// The folders the learner app and kiosk need to start: their own, and what they share with
    /// the trainer screens. The trainer's folder stays out (trainers work online).
    static let shellFolders = ["learner/", "shared/"]

    /// Every file of `shellFolders` (paths relative to `root`, sorted).
    static func shellFiles() -> [String] {
        // Through a link to the folder too (the enumerator does not follow one at its start).
        let found = FileManager.default.enumerator(atPath: (root as NSString).resolvingSymlinksInPath)?.compactMap { $0 as? String } ?? []
        return found.filter { path in
            var isFolder: ObjCBool = false
            let name = (path as NSString).lastPathComponent
            return shellFolders.contains { path.hasPrefix($0) } && !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder) && !isFolder.boolValue
        }.sorted()
    }

    /// FNV-1a (64 bits) over every file's path and bytes: a version tag, not a security measure.
    static func version(of files: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        for file in files {
            mix(file.utf8)
            mix(FileManager.default.contents(atPath: root + "/" + file) ?? Data())
        }
        return String(hash, radix: 16)
    }

    static func addServiceWorkerRoute(to router: Router<ParlonsRequestContext>) {
        router.get("/sw.js") { _, _ -> Response in
            var headers: HTTPFields = [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"]
            headers[.init("Service-Worker-Allowed")!] = "/"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: serviceWorker)))
        }
    }
}
