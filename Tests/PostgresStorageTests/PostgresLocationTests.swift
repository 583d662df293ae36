import PostgresStorage
import Testing

/// The `--database` URL of a PostgreSQL server, read or refused.
@Suite("PostgreSQL URLs")
struct PostgresLocationTests {
    @Test("user, password, host, port and database are read; the port defaults to 5432")
    func reads() throws {
        let full = try #require(PostgresLocation(url: "postgres://amina:s%40cret@db.example.org:6543/parlons?sslmode=disable"))
        #expect(full == PostgresLocation(host: "db.example.org", port: 6543, user: "amina", password: "s@cret", database: "parlons",
                                         tls: .disable))
        #expect(full.description == "postgres://amina@db.example.org:6543/parlons?sslmode=disable")
        #expect(PostgresLocation(url: "postgresql://p@localhost/db") == PostgresLocation(host: "localhost", user: "p", database: "db"))
        #expect(PostgresLocation(url: "postgres://p@[::1]:5433/db") == PostgresLocation(host: "::1", port: 5433, user: "p", database: "db"))
    }

    @Test("sslmode and sslrootcert choose the connection's TLS, libpq's prefer when not given")
    func tls() throws {
        #expect(PostgresLocation(url: "postgres://p@h/db")?.tls == .prefer)
        let checked = try #require(PostgresLocation(url: "postgres://p@h/db?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem"))
        #expect(checked.tls == .verifyFull && checked.rootCertificate == "/etc/ca.pem")
        #expect(checked.description == "postgres://p@h:5432/db?sslmode=verify-full")
        #expect(PostgresLocation(url: "postgres://p@h/db?sslmode=disable")?.tls == .disable)
        #expect(PostgresLocation(url: "postgres://p@h/db?sslmode=require")?.tls == .require)
        #expect(PostgresLocation(url: "postgres://p@h/db?sslmode=sometimes") == nil)
    }

    @Test("a URL without a user, host or database, with a bad port or another scheme is refused",
          arguments: ["postgres://localhost/db", "postgres://p@/db", "postgres://p@host", "postgres://p@host/", "postgres://p@host:0/db",
                      "postgres://p@host:99999/db", "postgres://p@host:x/db", "mysql://p@host/db", "media/parlons.sqlite"])
    func refuses(_ text: String) {
        #expect(PostgresLocation(url: text) == nil)
    }
}
