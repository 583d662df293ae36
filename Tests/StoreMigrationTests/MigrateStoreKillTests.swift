import Foundation
import TestSupport
import Testing

/// `parlons migrate-store` killed with SIGKILL part-way (no chance to clean up, as a power cut or
/// the OOM killer leaves it): running the same command again finishes the move without a
/// duplicate row, and a third run finds nothing to do.
@Suite("parlons migrate-store, killed")
struct MigrateStoreKillTests {
    @Test("killed -9 while copying rows, the next run finishes without duplicating anything")
    func killedPartWay() async throws {
        let parent = try ExternalTool.temporaryDirectory("parlons-migration-kill")
        defer { try? FileManager.default.removeItem(at: parent) }
        let library = try await CentreLibrary(under: parent, recordings: 300)
        let count = 301  // and the one fillEveryTable adds
        let cluster = try await PostgresCluster.shared()
        // The copy may finish before it is seen copying (a fast machine): then again, on a new database.
        var killed: String?
        for _ in 0..<5 where killed == nil {
            let database = try cluster.createDatabase(prefix: "migration_kill")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ServerProcess.binaryPath)
            process.arguments = ["migrate-store", "--from", library.root.path, "--to", cluster.url(database: database)]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Killed as soon as the first rows are in, while the rest is being copied.
            while process.isRunning {
                let people = (try? cluster.psql("SELECT count(*) FROM person", database: database)) ?? "0"
                if (Int(people.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0 { break }
                try await Task.sleep(for: .milliseconds(5))
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed = database
            }
            process.waitUntilExit()
        }
        let database = try #require(killed, "migrate-store was never caught copying")
        let url = cluster.url(database: database)
        let partial = try cluster.psql("SELECT count(*) FROM recording", database: database).trimmingCharacters(in: .whitespacesAndNewlines)
        let finished = try await ExternalTool.run(ServerProcess.binaryPath, ["migrate-store", "--from", library.root.path, "--to", url],
                                                  requireSuccess: false)
        #expect(finished.status == 0 && finished.stdout.contains("rows the same on both sides"), "\(finished.stdout) \(finished.stderr)")
        #expect(finished.stdout.contains("recording: \(count) rows, \(count - (Int(partial) ?? 0)) inserted"), "\(partial) before: \(finished.stdout)")
        let again = try await ExternalTool.run(ServerProcess.binaryPath, ["migrate-store", "--from", library.root.path, "--to", url],
                                               requireSuccess: false)
        #expect(again.status == 0 && again.stdout.contains("recording: \(count) rows, 0 inserted"), "\(again.stdout) \(again.stderr)")
        let distinct = try cluster.psql("SELECT count(*) = count(DISTINCT id) FROM recording", database: database)
        #expect(distinct.trimmingCharacters(in: .whitespacesAndNewlines) == "t")
    }
}
