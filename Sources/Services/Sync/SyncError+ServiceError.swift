/// A sync refusal as the API reports it: the same sentence, with the status its cause calls for.
/// A bundle that is not whole, not signed with the pair's key, or not for this group is content
/// the server cannot take (`422`); the request that carried it was itself authenticated.
extension SyncError {
    public var serviceError: ServiceError {
        switch self {
        case .notPaired: ServiceError(.notFound, description, code: "not_paired")
        case .noSuchGroup: ServiceError(.notFound, description)
        case .noBundle: ServiceError(.notFound, description, code: "no_bundle")
        case .alreadyPaired: ServiceError(.conflict, description, code: "already_paired")
        case .exchangeRunning: ServiceError(.conflict, description, code: "exchange_running")
        case .unavailable: ServiceError(.conflict, description, code: "sync_unavailable")
        case .otherPeer: ServiceError(.conflict, description, code: "other_peer")
        case .doesNotFit: ServiceError(.conflict, description, code: "does_not_fit")
        case .invalidCode: ServiceError(.unprocessable, description, code: "invalid_code")
        case .otherGroup: ServiceError(.unprocessable, description, code: "other_group")
        case .unreadable: ServiceError(.unprocessable, description, code: "unreadable_bundle")
        case .tampered: ServiceError(.unprocessable, description, code: "tampered_bundle")
        case .wrongSignature: ServiceError(.unprocessable, description, code: "bad_bundle_signature")
        case .malformed: ServiceError(.unprocessable, description, code: "malformed_bundle")
        case .cannotWrite: ServiceError(.busy, description, retryAfterSeconds: 30, code: "cannot_write")
        }
    }
}
