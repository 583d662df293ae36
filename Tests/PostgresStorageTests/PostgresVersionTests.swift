@testable import PostgresStorage
import Testing

/// The server's version is checked before anything else (only PostgreSQL 15 is installable here,
/// so the rule is tested on the number the server reports, `server_version_num`).
@Suite("An older PostgreSQL is refused")
struct PostgresVersionTests {
    @Test("12.17 is refused with both versions named; 13.0 and 15.10 are taken")
    func versions() throws {
        let location = try #require(PostgresLocation(url: "postgres://parlons@db.example:5432/parlons"))
        do {
            try PostgresBootstrap.check(serverVersion: 120_017, at: location)
            Issue.record("12.17 was taken")
        } catch let error as PostgresOpenError {
            #expect(error.reason == .tooOld)
            #expect(error.description.contains("is version 12.17; Parlons needs 13.0 or newer"), "\(error)")
            #expect(error.description.contains("db.example"), "\(error)")
        }
        try PostgresBootstrap.check(serverVersion: 130_000, at: location)
        try PostgresBootstrap.check(serverVersion: 150_010, at: location)
    }
}
