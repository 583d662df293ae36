import Hummingbird
import Services

extension SyncController {
    /// Runs a handler, its sync refusals answered as JSON errors: no or a bad signature `401`,
    /// a group not paired here `404`, a wrong upload offset `409` (with the right one in
    /// `Upload-Offset`), a bundle that is not whole or not signed with the pair's key `422`.
    static func translating(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as SyncTransferError {
            throw apiError(error)
        } catch let error as SyncError {
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

    static func apiError(_ error: SyncError) -> APIError {
        let message = error.description
        switch error {
        case .notPaired, .noSuchGroup: return APIError(.notFound, code: "not_paired", message: message)
        case .otherGroup: return APIError(.unprocessableContent, code: "other_group", message: message)
        case .tampered: return APIError(.unprocessableContent, code: "tampered_bundle", message: message)
        case .wrongSignature: return APIError(.unprocessableContent, code: "bad_bundle_signature", message: message)
        case .unreadable: return APIError(.unprocessableContent, code: "unreadable_bundle", message: message)
        case .otherPeer, .doesNotFit, .alreadyPaired: return APIError(.conflict, code: "does_not_fit", message: message)
        case .invalidCode, .noBundle: return APIError(.badRequest, code: "invalid_request", message: message)
        case .cannotWrite: return APIError(.serviceUnavailable, code: "storage_unavailable", message: message, headers: [.retryAfter: "30"])
        case .unavailable: return APIError(.notImplemented, code: "sync_unavailable", message: message)
        }
    }
}
