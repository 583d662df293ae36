import Hummingbird
import Services

extension SyncController {
    /// Runs a handler, its transfer refusals answered as JSON errors: no or a bad signature `401`,
    /// a wrong upload offset `409` (with the right one in `Upload-Offset`). Sync refusals (a group
    /// not paired here `404`, a bundle not whole or not signed with the pair's key `422`) are
    /// answered as everywhere else (``SyncError/serviceError``, by the error middleware).
    static func translating(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as SyncTransferError {
            throw apiError(error)
        }
    }

    static func apiError(_ error: SyncTransferError) -> APIError {
        let message = error.description
        switch error {
        case .unauthenticated: return APIError(.unauthorized, code: "bad_signature", message: message)
        case .staleRequest: return APIError(.unauthorized, code: "stale_request", message: message)
        case .wrongOffset(let expected, _):
            return APIError(.conflict, code: "wrong_offset", message: message, headers: [uploadOffset: "\(expected)"])
        case .invalidRequest: return APIError(.badRequest, code: "invalid_request", message: message)
        case .noSuchBundle: return APIError(.notFound, code: "not_found", message: message)
        case .noPeerAddress, .unreachable, .refused: return APIError(.badGateway, code: "peer_failed", message: message)
        }
    }
}
