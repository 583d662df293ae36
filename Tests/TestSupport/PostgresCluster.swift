import CSpawn
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster for the tests: `initdb` in a temporary folder, the server on a
/// free loopback port with trust authentication (one role with a password) and TLS (a self-signed
/// certificate made with `openssl`), started once per test process and stopped (its
/// folder removed) when the process exits. As root, the server runs as the `postgres` user, since
/// PostgreSQL refuses to run as root. `scripts/install-deps test` installs `postgresql-15`.
public final class PostgresCluster: Sendable {
    /// Where Debian's PostgreSQL 15 programs are.
    public static let binaries = "/usr/lib/postgresql/15/bin"
    /// The superuser `initdb` creates (trust authentication: no password).
    public static let user = "parlons"

    /// A role that must give `password` (the others are trusted).
    public static let passwordUser = "parlons_password"
    public static let password = "right-password"

    public let folder: URL
    public let port: Int
    /// The server's self-signed certificate (PEM), for 127.0.0.1.
    public var certificate: URL { folder.appendingPathComponent("server.crt") }

    /// The cluster of this test process, started at first use.
    public static func shared() throws -> PostgresCluster {
        try started.withLock { state in
            if let cluster = state { return cluster }
            let cluster = try PostgresCluster()
            state = cluster
            atexit { PostgresCluster.stopShared() }
            return cluster
        }
    }

    /// ``shared()`` for async code (Swift picks it there), on a thread of its own: the first call
    /// runs `initdb` and `pg_ctl start` (seconds) and the calls made meanwhile wait for it, none of
    /// them on the few threads async tests share.
    public static func shared() async throws -> PostgresCluster {
        try await onOwnThread { try shared() }
    }

    private static let started = Mutex<PostgresCluster?>(nil)
    private static let databaseCount = Mutex(0)

    private init() throws {
        folder = try ExternalTool.temporaryDirectory("parlons-postgres")
        let data = folder.appendingPathComponent("data").path
        if getuid() == 0 { try ExternalTool.run("chown", ["postgres:postgres", folder.path]) }
        try Self.asServerUser("\(Self.binaries)/initdb", ["-D", data, "-U", Self.user, "--auth=trust", "--encoding=UTF8",
                                                          "--locale=C.UTF-8", "--no-sync"])
        // One role signs in with a password (SCRAM), for the tests of wrong credentials.
        let rules = URL(fileURLWithPath: data).appendingPathComponent("pg_hba.conf")
        let trusted = try String(contentsOf: rules, encoding: .utf8)
        try Data("host all \(Self.passwordUser) 127.0.0.1/32 scram-sha-256\n\(trusted)".utf8).write(to: rules)
        port = try Self.freePort()
        // TLS with a self-signed certificate for 127.0.0.1, which the TLS tests trust or not.
        let key = folder.appendingPathComponent("server.key").path
        try ExternalTool.run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                                         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate.path])
        if getuid() == 0 { try ExternalTool.run("chown", ["postgres:postgres", key, certificate.path]) }
        try ExternalTool.run("chmod", ["600", key])
        let options = "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            + "-c full_page_writes=off -c max_connections=400 -c shared_buffers=32MB "
            + "-c ssl=on -c ssl_cert_file=\(certificate.path) -c ssl_key_file=\(key)"
        // The server outlives pg_ctl: its output goes to a file, never to a pipe someone waits on.
        try Self.runDetached(Self.asServerUserPrefix + ["\(Self.binaries)/pg_ctl", "-D", data, "-o", options, "-l",
                                                        folder.appendingPathComponent("server.log").path, "-w", "-t", "60", "start"],
                             output: folder.appendingPathComponent("pg_ctl.log"))
        try psql("CREATE ROLE \(Self.passwordUser) LOGIN PASSWORD '\(Self.password)'")
        // Should this process die without running its exit handlers, the server stops by itself.
        try Self.runDetached(["/bin/sh", "-c", """
            (while kill -0 \(getpid()) 2>/dev/null; do sleep 2; done; \
            \(Self.asServerUserPrefix.joined(separator: " ")) \(Self.binaries)/pg_ctl -D \(data) -m immediate stop; rm -rf \(folder.path)) &
            """], output: URL(fileURLWithPath: "/dev/null"))
    }

    /// Runs a command with its output in a file and waits for it to exit (`posix_spawn` and
    /// `waitpid`: Foundation's `Process` waits as long as a child it started (the server) lives);
    /// throws with that output when it fails.
    private static func runDetached(_ command: [String], output: URL) throws {
        let program = ExternalTool.locate(command[0]) ?? command[0]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else this process holds: the server lives on, and a pipe it inherited from a
        // test running meanwhile (an FFmpeg tool's output) would never end for its reader.
        posix_spawn_file_actions_addclosefrom_np(&actions, 3)
        let arguments = ([program] + command.dropFirst()).map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, program, &actions, nil, arguments, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // Exited normally with status 0 (the wait status's low byte is 0 and its next one the code).
        guard status == 0 else {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            throw ExternalTool.Failure.failed(command.joined(separator: " "), ExternalTool.Output(status: status, stdout: "", stderr: text))
        }
    }

    /// A new, empty database in the cluster; its name.
    public func createDatabase(prefix: String = "test") throws -> String {
        let number = Self.databaseCount.withLock { count in
            count += 1
            return count
        }
        let name = "\(prefix)_\(getpid())_\(number)"
        try psql("CREATE DATABASE \(name)")
        return name
    }

    /// Drops a database, ending the connections still open to it.
    public func dropDatabase(_ name: String) throws {
        try psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// The URL of a database of the cluster.
    public func url(database: String) -> String {
        "postgres://\(Self.user)@127.0.0.1:\(port)/\(database)"
    }

    /// Runs one SQL command in the `postgres` database.
    @discardableResult
    public func psql(_ command: String, database: String = "postgres") throws -> String {
        try ExternalTool.run("\(Self.binaries)/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "\(port)",
                                                       "-U", Self.user, "-d", database, "-c", command]).stdout
    }

    private static func stopShared() {
        guard let cluster = started.withLock({ $0 }) else { return }
        _ = try? asServerUser("\(binaries)/pg_ctl", ["-D", cluster.folder.appendingPathComponent("data").path, "-m", "immediate", "stop"])
        try? FileManager.default.removeItem(at: cluster.folder)
    }

    private static var asServerUserPrefix: [String] { getuid() == 0 ? ["runuser", "-u", "postgres", "--"] : [] }

    @discardableResult
    private static func asServerUser(_ program: String, _ arguments: [String]) throws -> ExternalTool.Output {
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw ExternalTool.Failure.notInstalled("\(program) (Debian's postgresql-15)")
        }
        if getuid() == 0 { return try ExternalTool.run("runuser", ["-u", "postgres", "--", program] + arguments) }
        return try ExternalTool.run(program, arguments)
    }

    /// A loopback port nobody listens on (for the tests of a server that cannot be reached).
    public static func closedPort() throws -> Int {
        try freePort()
    }

    /// A loopback port nobody listens on now (the kernel's choice).
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
