import Foundation
import Testing
import TestSupport

/// The crash harness's checks on a media root: after a kill (before the restart) and after the
/// restart, against what the clients were told.
enum CrashChecks {
    struct Row: Hashable {
        let title: String
        let sha256: String
        let peaksSha256: String
    }

    static let blobFolders = [("recordings", "opus"), ("peaks", "dat"), ("pictures", "img")]

    /// The killed server's leftovers: the database must pass `integrity_check`; temporary files and
    /// files without a row are counted (the restart must remove them).
    static func afterKill(root: URL, ledger: CrashLedger) throws {
        let check = try sqlite(root, "PRAGMA integrity_check").trimmingCharacters(in: .whitespacesAndNewlines)
        if check == "ok" { ledger.locked { ledger.integrityChecks += 1 } } else { ledger.violation("integrity_check after a kill: \(check)") }
        let rows = try self.rows(root)
        ledger.add(.temporaryFilesAfterKill, try temporaryFiles(root).count)
        ledger.add(.orphanFilesAfterKill, try unreferencedFiles(root, rows: rows).count)
    }

    /// After the restart: no temporary file, every file has a row and every row its file, every
    /// acknowledged recording listed with its bytes intact and decodable, every row accounted for.
    static func afterRestart(server: ServerProcess, ledger: CrashLedger) async throws {
        let root = server.mediaRoot
        let leftovers = try temporaryFiles(root)
        if !leftovers.isEmpty { ledger.violation("temporary files survived a start-up: \(leftovers)") }
        let rows = try self.rows(root)
        let orphans = try unreferencedFiles(root, rows: rows)
        if !orphans.isEmpty { ledger.violation("files without a row after a start-up: \(orphans)") }
        for row in rows where !FileManager.default.fileExists(atPath: blobPath(root, "recordings", row.sha256, "opus")) {
            ledger.violation("row \(row.title) has no audio file")
        }

        let listed = try await listing(server)
        ledger.resolveUncertainDeletes(listed: Set(listed.keys))
        for (id, entry) in listed {
            switch ledger.state(ofTitle: entry.title) {
            case .acknowledged(let acknowledgedId)?:
                if acknowledgedId != id { ledger.violation("\(entry.title): listed as \(id), acknowledged as \(acknowledgedId)") }
            case .lostAfterSending?:
                ledger.adoptCommitted(title: entry.title, id: id, sha256: entry.sha256)
            case .cutWhileSending?:
                ledger.violation("\(entry.title): stored although its body was never fully sent")
            case .refused(let status)?:
                ledger.violation("\(entry.title): stored although it was answered \(status)")
            case nil:
                ledger.violation("\(entry.title) (\(id)): a row no client accounts for")
            }
        }
        let live = ledger.locked { ledger.live }
        for id in ledger.locked({ ledger.deleted }) where listed[id] != nil { ledger.violation("\(id): listed after its deletion was answered 204") }

        var paths: [String: String] = [:]
        for (id, entry) in live {
            guard let shown = listed[id] else { ledger.violation("\(entry.title) (\(id)): acknowledged but not listed"); continue }
            if shown.sha256 != entry.sha256 { ledger.violation("\(id): listed with sha256 \(shown.sha256), acknowledged \(entry.sha256)") }
            let path = blobPath(root, "recordings", entry.sha256, "opus")
            guard FileManager.default.fileExists(atPath: path) else { ledger.violation("\(id): acknowledged but its file is gone"); continue }
            paths[path] = entry.sha256
        }
        // Every stored file hashed by an independent tool.
        if !paths.isEmpty {
            let output = try await ExternalTool.run("sha256sum", Array(paths.keys)).stdout
            for line in output.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 1)
                let path = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " *"))
                if paths[path] != String(parts[0]) { ledger.violation("\(path): SHA-256 \(parts[0]) differs from the acknowledged one") }
            }
            ledger.add(.filesHashed, paths.count)
        }
        // Each recording once: decoded by opusdec and served byte for byte as stored.
        for (id, entry) in live where !ledger.locked({ ledger.decoded.contains(id) }) {
            let path = blobPath(root, "recordings", entry.sha256, "opus")
            guard paths[path] != nil else { continue }
            let decoding = try await ExternalTool.run("opusdec", ["--quiet", path, "/dev/null"], requireSuccess: false)
            if decoding.status != 0 { ledger.violation("\(id): opusdec failed: \(decoding.stderr.prefix(200))") }
            let served = try await server.client.get("/media/\(id).opus")
            let onDisk = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            if served.status != 200 || served.body != onDisk {
                ledger.violation("\(id): /media/\(id).opus answered \(served.status) with other bytes than the file")
            }
            ledger.locked { _ = ledger.decoded.insert(id) }
            ledger.add(.filesDecoded)
            ledger.add(.filesServed)
        }
    }

    /// Every recording the admin sees, by id, through the paged API.
    static func listing(_ server: ServerProcess) async throws -> [String: (title: String, sha256: String)] {
        var result: [String: (title: String, sha256: String)] = [:]
        var cursor: String?
        repeat {
            let page = try await server.client.get("/api/recordings?limit=200" + (cursor.map { "&cursor=\($0)" } ?? "")).json()
            for item in page["recordings"] as? [[String: Any]] ?? [] {
                result[item["id"] as! String] = (item["title"] as? String ?? "", item["sha256"] as? String ?? "")
            }
            cursor = page["nextCursor"] as? String
        } while cursor != nil
        return result
    }

    static func blobPath(_ root: URL, _ folder: String, _ sha256: String, _ ext: String) -> String {
        root.appendingPathComponent("\(folder)/\(sha256.prefix(2))/\(sha256.dropFirst(2).prefix(2))/\(sha256).\(ext)").path
    }

    /// Files in the stores' `.incoming` folders.
    static func temporaryFiles(_ root: URL) throws -> [String] {
        blobFolders.flatMap { folder, _ in
            (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("\(folder)/.incoming").path)) ?? []
        }
    }

    /// Audio and peaks files no row names.
    static func unreferencedFiles(_ root: URL, rows: Set<Row>) throws -> [String] {
        let audio = Set(rows.map(\.sha256)), peaks = Set(rows.map(\.peaksSha256))
        var found: [String] = []
        for (folder, ext, names) in [("recordings", "opus", audio), ("peaks", "dat", peaks)] {
            let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
            while let path = enumerator?.nextObject() as? String {
                guard !path.hasPrefix(".incoming"), path.hasSuffix(".\(ext)") else { continue }
                let hash = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                if !names.contains(hash) { found.append("\(folder)/\(path)") }
            }
        }
        return found
    }

    /// The recording rows, read from a copy of the database and its WAL (so that the server's own
    /// start-up, not ours, replays the WAL of a killed server).
    static func rows(_ root: URL) throws -> Set<Row> {
        let output = try sqlite(root, "SELECT title, sha256, coalesce(peaksSha256, '') FROM recording")
        return Set(output.split(separator: "\n").map { line in
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            return Row(title: parts[0], sha256: parts[1], peaksSha256: parts[2])
        })
    }

    static func sqlite(_ root: URL, _ sql: String) throws -> String {
        let copy = try ExternalTool.temporaryDirectory("parlons-crash-db")
        defer { try? FileManager.default.removeItem(at: copy) }
        for suffix in ["", "-wal"] {
            let source = root.appendingPathComponent("parlons.sqlite\(suffix)")
            if FileManager.default.fileExists(atPath: source.path) {
                try FileManager.default.copyItem(at: source, to: copy.appendingPathComponent("parlons.sqlite\(suffix)"))
            }
        }
        return try ExternalTool.run("sqlite3", [copy.appendingPathComponent("parlons.sqlite").path, sql]).stdout
    }
}
