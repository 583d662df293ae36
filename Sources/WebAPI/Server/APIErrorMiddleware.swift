import AudioCodec
import Hummingbird
import Logging
import NIOCore
import Services
import Storage

/// Turns every error into the API's JSON shape with the right status: Hummingbird's own errors
/// keep their status, storage failures become 507/503, and anything unexpected is a logged 500
/// that reveals nothing of the server's insides.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var apiError = Self.apiError(for: error, request: request, logger: context.logger)
            // A client still sending a body we will not read would wait forever on a full window:
            // close the connection after the answer so it notices.
            if request.headers[.contentLength].map({ $0 != "0" }) ?? (request.headers[.transferEncoding] != nil) {
                apiError.headers[.connection] = "close"
            }
            return try apiError.response(from: request, context: context)
        }
    }

    static func apiError(for error: any Error, request: Request, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as AccessDenied:
            return APIError(.forbidden, code: error.code ?? "forbidden", message: error.message)
        case let error as ServiceError:
            return serviceError(error)
        case let error as SyncError:
            return serviceError(error.serviceError)
        case let error as HTTPError:
            return APIError(error.status, code: code(for: error.status), message: error.body ?? error.status.reasonPhrase, headers: error.headers)
        case is NIOTooManyBytesError:
            // A body collected with a limit (a JSON request) was larger than the limit.
            return APIError(.contentTooLarge, code: "payload_too_large", message: "the request body is larger than this endpoint takes")
        default:
            if let storage = StorageError.classify(error) { return storageError(storage, logger: logger) }
            logger.error("unexpected error on \(request.method) \(request.uri.path): \(error)")
            return APIError(.internalServerError, code: "internal_error", message: "the server failed to handle this request")
        }
    }

    /// A full disk is 507; storage that cannot be written or stays locked is 503 with a
    /// `Retry-After` (the client should try again; nothing was changed).
    static func storageError(_ error: StorageError, logger: Logger) -> APIError {
        switch error.code {
        case .noSpace:
            logger.error("storage full: \(error.message)")
            return APIError(.init(code: 507, reasonPhrase: "Insufficient Storage"), code: "insufficient_storage",
                            message: "the server has no space left to store this: nothing was stored, try again once space is freed")
        case .conflict:
            return APIError(.conflict, code: "conflict", message: error.message)
        case .locked:
            logger.error("storage locked: \(error.message)")
            return APIError(.serviceUnavailable, code: "storage_busy",
                            message: "the database is locked by another program: nothing was changed, try again shortly",
                            headers: [.retryAfter: "5"])
        case .notWritable:
            logger.error("storage not writable: \(error.message)")
            return APIError(.serviceUnavailable, code: "storage_unavailable", message: "the server cannot write to its storage",
                            headers: [.retryAfter: "30"])
        case .io, .notFound:
            logger.error("storage failure: \(error.message)")
            return APIError(.internalServerError, code: "internal_error", message: "the server failed to handle this request")
        }
    }

    /// The HTTP answer to each kind of service error: the one place statuses and codes are chosen.
    static func serviceError(_ error: ServiceError) -> APIError {
        var answer: APIError
        switch error.kind {
        case .invalidAudio: answer = APIError(.badRequest, code: "invalid_audio", message: error.message)
        case .emptyBody: answer = APIError(.badRequest, code: "empty_body", message: error.message)
        case .unsupportedMediaType: answer = APIError(.unsupportedMediaType, code: "unsupported_media_type", message: error.message)
        case .tooLarge: answer = APIError(.contentTooLarge, code: "payload_too_large", message: error.message, headers: [.connection: "close"])
        case .invalidField: answer = APIError(.unprocessableContent, code: "invalid_field", message: error.message)
        case .notFound: answer = APIError(.notFound, code: error.code ?? "not_found", message: error.message)
        case .conflict: answer = APIError(.conflict, code: error.code ?? "conflict", message: error.message)
        case .gone: answer = APIError(.gone, code: "withdrawn", message: error.message)
        case .consentRequired: answer = APIError(.conflict, code: "consent_required", message: error.message)
        case .busy:
            answer = APIError(.serviceUnavailable, code: "server_busy", message: error.message,
                              headers: [.retryAfter: "\(error.retryAfterSeconds ?? 5)"])
        case .invalidScenario:
            answer = APIError(.unprocessableContent, code: "invalid_scenario", message: error.message)
            answer.problems = error.problems
        case .unprocessable: answer = APIError(.unprocessableContent, code: error.code ?? "unprocessable", message: error.message)
        case .unreadable: answer = APIError(.badRequest, code: error.code ?? "unreadable", message: error.message)
        case .revisionChanged: answer = APIError(.preconditionFailed, code: "revision_changed", message: error.message)
        case .unauthorized: answer = APIError(.unauthorized, code: error.code ?? "unauthorized", message: error.message)
        case .rateLimited:
            answer = APIError(.tooManyRequests, code: "rate_limited", message: error.message,
                              headers: [.retryAfter: "\(error.retryAfterSeconds ?? 1)"])
        }
        return answer
    }

    /// `not_found`, `payload_too_large`…: the reason phrase in snake case.
    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 413: "payload_too_large"
        case 400: "bad_request"
        default: status.reasonPhrase.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "_")
        }
    }
}
