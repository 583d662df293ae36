import Hummingbird

/// Puts the browser's protections on every answer — pages, scripts, API JSON, errors, audio —
/// so no page of ours can be framed, run a script from elsewhere or have a file sniffed into
/// HTML. The outermost middleware, so error answers get them too.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The client is plain files from this server: its own scripts (modules, the recorder's
    /// worklet, the service worker) and styles, no inline code. Recordings played back before
    /// upload, and WAV fallbacks fetched whole, are `blob:` URLs.
    static var contentSecurityPolicy: ContentSecurityPolicy {
        [
            .defaultSrc(.self),
            .scriptSrc(.self),
            .styleSrc(.self),
            .imgSrc(.self, .scheme(.init(rawValue: "blob:"))),
            .mediaSrc(.self, .scheme(.init(rawValue: "blob:"))),
            .connectSrc(.self),
            .workerSrc(.self),
            .objectSrc(.none),
            .baseURI(.none),
            .formAction(.self),
            .frameAncestors(.none),
        ]
    }

    static var headers: HTTPFields {
        [
            .contentSecurityPolicy: contentSecurityPolicy.description,
            .xContentTypeOptions: "nosniff",
            .init("X-Frame-Options")!: "DENY",
            .init("Referrer-Policy")!: "same-origin",
        ]
    }

    private let headers = Self.headers

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for field in headers { response.headers[field.name] = field.value }
        return response
    }
}
