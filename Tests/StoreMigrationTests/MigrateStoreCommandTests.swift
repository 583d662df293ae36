import Foundation
import Storage
import TestSupport
import Testing

/// `parlons migrate-store` run as a person would: the built binary, a real media root, the test
/// cluster; refusals are one line on stderr and exit status 1.
@Suite("parlons migrate-store")
struct MigrateStoreCommandTests {
    static func cli(_ arguments: [String]) async throws -> ExternalTool.Output {
        try await ExternalTool.run(ServerProcess.binaryPath, ["migrate-store"] + arguments, requireSuccess: false)
    }

    @Test("moves a media root's database (files staying in the folder), continues after --stop-after, and refuses broken input")
    func commandLine() async throws {
        let parent = try ExternalTool.temporaryDirectory("parlons-migration-cli")
        defer { try? FileManager.default.removeItem(at: parent) }
        let library = try await CentreLibrary(under: parent, recordings: 2)
        let cluster = try await PostgresCluster.shared()
        let url = cluster.url(database: try cluster.createDatabase(prefix: "migration_cli"))
        let from = ["--from", library.root.path]

        let notRoot = try await Self.cli(["--from", parent.path, "--to", url])
        #expect(notRoot.status == 1 && notRoot.stderr.contains("is not a Parlons media root: it has no parlons.sqlite"), "\(notRoot.stderr)")
        let unreachable = try await Self.cli(from + ["--to", "postgres://parlons@127.0.0.1:\(try PostgresCluster.closedPort())/nothing"])
        #expect(unreachable.status == 1 && unreachable.stderr.contains("cannot reach PostgreSQL at"), "\(unreachable.stderr)")
        let noDatabase = try await Self.cli(from + ["--to", "postgres://parlons@127.0.0.1:\(cluster.port)/no_such_database"])
        #expect(noDatabase.status == 1 && noDatabase.stderr.contains("no_such_database"), "\(noDatabase.stderr)")
        let malformed = try await Self.cli(from + ["--to", "mysql://somewhere/db"])
        #expect(malformed.status == 1 && malformed.stderr.contains("is not a postgres://"), "\(malformed.stderr)")

        let sliced = try await Self.cli(from + ["--to", url, "--stop-after", "3"])
        #expect(sliced.status == 3 && sliced.stdout.contains("run the same command again"), "\(sliced.stdout) \(sliced.stderr)")
        let finished = try await Self.cli(from + ["--to", url])
        #expect(finished.status == 0 && finished.stdout.contains("rows the same on both sides"), "\(finished.stdout) \(finished.stderr)")
        #expect(finished.stdout.contains("recording: 3 rows, 3 inserted"), "\(finished.stdout)")
        let again = try await Self.cli(from + ["--to", url])
        #expect(again.status == 0 && again.stdout.contains("recording: 3 rows, 0 inserted"), "\(again.stdout) \(again.stderr)")

        let other = try await CentreLibrary(under: parent, recordings: 1)
        let refused = try await Self.cli(["--from", other.root.path, "--to", url])
        #expect(refused.status == 1 && refused.stderr.contains("already holds a different library"), "\(refused.stderr)")
    }
}
