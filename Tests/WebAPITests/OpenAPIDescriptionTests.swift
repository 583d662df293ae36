import EmbeddedStorage
import Foundation
import Hummingbird
import Services
import Storage
import TestSupport
import Testing
@testable import WebAPI

/// `Sources/WebAPI/openapi.yaml` must describe the API the server has: the same paths as the
/// router, the same methods as `RouteTable` (which RouteTableTests checks against the live server).
@Suite("OpenAPI description")
struct OpenAPIDescriptionTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/WebAPI/openapi.yaml")

    /// `METHOD /path` of every operation under `paths:`, read from the file's fixed layout (paths
    /// indented by two spaces, their methods by four).
    static func operations(in yaml: String) -> Set<String> {
        var operations: Set<String> = []
        var inPaths = false
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") && !line.isEmpty && !line.hasPrefix("#") { inPaths = line == "paths:" }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let key = line.dropFirst(4).prefix { $0 != ":" }
                if ["get", "put", "post", "patch", "delete", "head", "options"].contains(key) {
                    operations.insert("\(key.uppercased()) \(path)")
                }
            }
        }
        return operations
    }

    @Test("every method of every route is described, and nothing more")
    func sameOperations() throws {
        let described = Self.operations(in: APIDescription.yaml)
        try #require(described.count > 50, "the paths section was not read: \(described.count) operations")
        let routed = Set(RouteTable.allowedMethods.flatMap { path, methods in methods.map { "\($0.rawValue) \(path)" } })
        #expect(routed.subtracting(described).sorted() == [], "routed but missing from openapi.yaml")
        #expect(described.subtracting(routed).sorted() == [], "described in openapi.yaml but not routed")
    }

    @Test("every path the router serves is in the route table (so in the description)")
    func routerPathsAreListed() throws {
        let root = try ExternalTool.temporaryDirectory("parlons-openapi")
        defer { try? FileManager.default.removeItem(at: root) }
        let library = RecordingLibrary(stores: try EmbeddedStorage.open(root: root))
        // Nothing is hashed here: only the routes are read.
        let passwords = PasswordHashing(hash: { secret, _ in secret }, verify: { $0 == $1 })
        let router = buildRouter(library: library, configuration: ServerConfiguration(), passwords: passwords,
                                 sessions: SessionPersistDriver(store: library.stores.sessions))
        let served = Set(router.routes.map(\.path.description))
        let listed = Set(RouteTable.allowedMethods.map(\.0))
        #expect(served.subtracting(listed).sorted() == [], "routes the table (and openapi.yaml) does not list")
        #expect(listed.subtracting(served).sorted() == [])
    }

    @Test("the server serves the description kept in the repository")
    func served() async throws {
        let server = try await ServerProcess.start(bootstrapAdmin: false)
        defer { server.stop(); server.removeMediaRoot() }
        let response = try await server.anonymous.get("/api/openapi.yaml")
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("application/yaml") == true)
        #expect(response.body == [UInt8](try Data(contentsOf: Self.file)))
    }
}
