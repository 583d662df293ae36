import Foundation
import Storage
import TestSupport
import Testing

/// `parlons serve --database postgres://…` end to end: the real binary on the tests' cluster, and
/// the clear message and exit status 1 for a database it cannot use.
@Suite("parlons serve on PostgreSQL")
struct ServeOnPostgresTests {
    @Test("the CLI and the server keep their rows in PostgreSQL: a user and token made with the CLI, an upload listed and played, all still there after a restart")
    func serveUploadRestart() async throws {
        let cluster = try await PostgresCluster.shared()
        let database = try cluster.createDatabase(prefix: "serve")
        defer { try? cluster.dropDatabase(database) }
        let media = try ExternalTool.temporaryDirectory("parlons-serve-postgres")
        defer { try? FileManager.default.removeItem(at: media) }
        let place = ["--media", media.path, "--database", cluster.url(database: database)]
        try await ExternalTool.run(ServerProcess.binaryPath, ["user", "add", "--name", "tester", "--role", "admin"] + place)
        let token = try await ExternalTool.run(ServerProcess.binaryPath, ["token", "create", "--user", "tester"] + place).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try cluster.psql("SELECT name FROM person", database: database).contains("tester"))
        #expect(!FileManager.default.fileExists(atPath: media.appendingPathComponent("parlons.sqlite").path))

        var server = try await ServerProcess.start(mediaRoot: media, arguments: ["--database", cluster.url(database: database)], bootstrapAdmin: false)
        let wav = TestWAV.make(Signals.sweep(from: 200, to: 2_000, sampleRate: 48_000, seconds: 1), sampleRate: 48_000)
        let client = server.client(token: token)
        let created = try await client.send("POST", "/api/recordings?title=Le%20march%C3%A9", headers: [("Content-Type", "audio/wav")],
                                            body: .bytes(wav))
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(try created.json()["id"] as? String)
        #expect(try cluster.psql("SELECT title FROM recording WHERE id = '\(id)'", database: database).contains("Le marché"))
        await server.stop()

        server = try await ServerProcess.start(mediaRoot: media, arguments: ["--database", cluster.url(database: database)], bootstrapAdmin: false)
        defer { server.stop() }
        #expect(server.firstRunLink == nil)
        let listed = try await server.client(token: token).get("/api/recordings").json()["recordings"] as? [[String: Any]]
        #expect(listed?.map { $0["id"] as? String } == [id])
        let audio = try await server.client(token: token).get("/media/\(id).opus")
        #expect(audio.status == 200 && audio.body.starts(with: Array("OggS".utf8)))
    }

    @Test("parlons sync pairs a group of a centre on PostgreSQL with a new embedded camp and carries bundles both ways")
    func syncCommands() async throws {
        let cluster = try await PostgresCluster.shared()
        let database = try cluster.createDatabase(prefix: "synccli")
        defer { try? cluster.dropDatabase(database) }
        let scratch = try ExternalTool.temporaryDirectory("parlons-sync-postgres")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stores = try await PostgresStores.open(url: cluster.url(database: database), root: scratch.appendingPathComponent("centre"))
        let learner = try await stores.people.insertPerson(Person(name: "mina", displayName: "Mina", role: .learner), conflictMessage: nil)
        let group = try await stores.people.insert(LearningGroup(name: "Aire des Saules"), members: [learner.id]).id
        func cli(_ arguments: [String]) async throws -> ExternalTool.Output {
            try await ExternalTool.run(ServerProcess.binaryPath, arguments, requireSuccess: false)
        }
        let centre = ["--media", scratch.appendingPathComponent("centre").path, "--database", cluster.url(database: database)]
        let camp = ["--media", scratch.appendingPathComponent("camp").path]
        let usb = scratch.appendingPathComponent("usb").path

        let code = try await cli(["sync", "pair", "--group", group] + centre)
        #expect(code.status == 0, "\(code.stderr)")
        let paired = try await cli(["sync", "pair", "--group", group, "--code", code.stdout.trimmingCharacters(in: .whitespacesAndNewlines)] + camp)
        #expect(paired.status == 0, "\(paired.stderr)")
        let export = try await cli(["sync", "export", "--group", group, usb] + centre)
        #expect(export.status == 0, "\(export.stderr)")
        let imported = try await cli(["sync", "import", usb] + camp)
        #expect(imported.status == 0 && imported.stdout.contains("recordings"), "\(imported.stdout) \(imported.stderr)")
        try FileManager.default.removeItem(atPath: usb)
        // The camp's answer confirms what it applied; the centre takes it in.
        let answer = try await cli(["sync", "export", "--group", group, usb] + camp)
        #expect(answer.status == 0, "\(answer.stderr)")
        let back = try await cli(["sync", "import", usb] + centre)
        #expect(back.status == 0, "\(back.stdout) \(back.stderr)")
        let pair = try #require(try await stores.sync?.pair(groupId: group))
        #expect(pair.peerServerId != nil && pair.sentUpTo > 0 && pair.peerReceivedUpTo == pair.sentUpTo && pair.lastExchangeAt != nil)
    }

    @Test("a role that signs in with a password (SCRAM) opens the stores with the right one")
    func passwordSignIn() async throws {
        let cluster = try await PostgresCluster.shared()
        let database = try cluster.createDatabase(prefix: "password")
        defer { try? cluster.dropDatabase(database) }
        try cluster.psql("ALTER DATABASE \(database) OWNER TO \(PostgresCluster.passwordUser)")
        let folder = try ExternalTool.temporaryDirectory("parlons-password")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = "postgres://\(PostgresCluster.passwordUser):\(PostgresCluster.password)@127.0.0.1:\(cluster.port)/\(database)"
        let stores = try await PostgresStores.open(url: url, root: folder)
        #expect(try await stores.people.peopleCount() == 0)
    }

    @Test("sslmode=verify-full with the server's authority, and require, connect over TLS", arguments: ["verify-full", "require"])
    func tls(_ mode: String) async throws {
        let cluster = try await PostgresCluster.shared()
        let database = try cluster.createDatabase(prefix: "tls")
        defer { try? cluster.dropDatabase(database) }
        let folder = try ExternalTool.temporaryDirectory("parlons-tls")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = cluster.url(database: database) + "?sslmode=\(mode)&sslrootcert=\(cluster.certificate.path)"
        let stores = try await PostgresStores.open(url: url, root: folder)
        _ = try await stores.people.insertPerson(Person(name: "tls", displayName: "TLS", role: .learner))
        // Every connection the stores opened to this database is encrypted.
        let encrypted = try cluster.psql("""
            SELECT DISTINCT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a ON a.pid = s.pid WHERE a.datname = '\(database)'
            """)
        #expect(encrypted.trimmingCharacters(in: .whitespacesAndNewlines) == "t")
    }

    @Test("a database it cannot use stops serve with one clear line and exit status 1",
          arguments: [
            ("unreachable", "cannot reach PostgreSQL"),
            ("unknown user", "refused the credentials"),
            ("wrong password", "refused the credentials"),
            ("no such database", "has no database 'missing'"),
            ("not a URL", "is not a postgres://"),
            ("untrusted certificate", "TLS with PostgreSQL at"),
            ("unreadable authorities", "cannot read the certificate authorities in /nonexistent/ca.pem"),
          ])
    func refusedDatabase(_ problem: String, _ message: String) throws {
        let cluster = try PostgresCluster.shared()
        let url = switch problem {
        case "unreachable": "postgres://parlons@127.0.0.1:\(try PostgresCluster.closedPort())/postgres"
        case "unknown user": "postgres://nobody@127.0.0.1:\(cluster.port)/postgres"
        case "wrong password": "postgres://\(PostgresCluster.passwordUser):wrong@127.0.0.1:\(cluster.port)/postgres"
        case "no such database": "postgres://\(PostgresCluster.user)@127.0.0.1:\(cluster.port)/missing"
        case "untrusted certificate": "postgres://\(PostgresCluster.user)@127.0.0.1:\(cluster.port)/postgres?sslmode=verify-full"
        case "unreadable authorities":
            "postgres://\(PostgresCluster.user)@127.0.0.1:\(cluster.port)/postgres?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem"
        default: "postgres://parlons@/nodatabase"
        }
        let media = try ExternalTool.temporaryDirectory("parlons-serve-postgres")
        defer { try? FileManager.default.removeItem(at: media) }
        let started = Date()
        let run = try ExternalTool.run(ServerProcess.binaryPath, ["serve", "--port", "0", "--media", media.path, "--database", url,
                                                                  "--scenarios", "none"], requireSuccess: false)
        #expect(run.status == 1)
        #expect((run.stdout + run.stderr).contains(message), "\(run.stdout) \(run.stderr)")
        #expect(!(run.stdout + run.stderr).contains("listening"))
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
