import Hummingbird
import NIOCore

/// The OpenAPI 3 description of the whole HTTP API (`openapi.yaml` beside this file, compiled
/// into the binary), served at `GET /api/openapi.yaml` for tools and client generators.
public enum APIDescription {
    /// The YAML text, as kept in the repository.
    public static var yaml: String { String(decoding: PackageResources.openapi_yaml, as: UTF8.self) }

    static func addRoute(to router: Router<ParlonsRequestContext>) {
        router.get("/api/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8", .cacheControl: "no-cache"],
                     body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.openapi_yaml)))
        }
    }
}
