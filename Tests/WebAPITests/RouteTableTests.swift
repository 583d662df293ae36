import Foundation
import Testing
import TestSupport
@testable import WebAPI

/// The route table is what 405 answers (and the README) are built from: check it against the
/// running server.
@Suite("Route table")
struct RouteTableTests {
    @Test("every listed method is routed, every other method gets 405 with Allow")
    func everyRoute() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let dummy = "AAAAAAAAAAAAAAAAAAAAAA"
        for (path, allowed) in RouteTable.allowedMethods {
            let concrete = path.replacingOccurrences(of: "{file}", with: "\(dummy).opus")
                .replacingOccurrences(of: #"\{[a-zA-Z]+\}"#, with: dummy, options: .regularExpression)
            for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
                let response = try await server.client.send(method, concrete, body: method == "GET" || method == "DELETE" ? .none : .bytes(Array("{}".utf8)))
                if allowed.map(\.rawValue).contains(method) {
                    #expect(response.status != 405, "\(method) \(path) should be routed")
                } else {
                    #expect(response.status == 405, "\(method) \(path): \(response.status)")
                    #expect(response.header("Allow")?.contains(allowed[0].rawValue) == true)
                }
            }
        }
    }
}
