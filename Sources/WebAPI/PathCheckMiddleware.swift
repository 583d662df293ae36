import Foundation
import Hummingbird

/// Refuses a path that holds a control character once decoded (`%00`, `%0A`, `%7F`…) or that does
/// not decode at all, with `400 invalid_path`, before any route or file is looked for: a NUL ends
/// a name for the file system but not for the type taken from its extension, so
/// `/js/app.js%00.html` was the script served as `text/html`.
struct PathCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard let decoded = path.removingPercentEncoding else {
            throw APIError(.badRequest, code: "invalid_path", message: "the path is not valid percent-encoded UTF-8")
        }
        if decoded.unicodeScalars.contains(where: Self.isControl) {
            throw APIError(.badRequest, code: "invalid_path", message: "the path holds a control character")
        }
        return try await next(request, context)
    }

    /// C0 controls, DEL and C1 controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
