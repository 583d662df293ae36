import Hummingbird

/// Logs each request's method, path (never the query, which may carry a sign-in link), status and
/// duration.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        context.logger.debug("\(request.method) \(request.uri.path) → \(response.status.code) in \(ContinuousClock.now - start)")
        return response
    }
}
