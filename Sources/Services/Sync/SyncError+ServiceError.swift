/// A sync refusal as the API reports it: the same sentence, with the status its cause calls for.
extension SyncError {
    public var serviceError: ServiceError {
        switch self {
        case .notPaired: ServiceError(.notFound, description, code: "not_paired")
        case .noSuchGroup: ServiceError(.notFound, description)
        case .noBundle: ServiceError(.notFound, description, code: "no_bundle")
        case .alreadyPaired: ServiceError(.conflict, description, code: "already_paired")
        case .unavailable: ServiceError(.conflict, description, code: "sync_unavailable")
        case .otherPeer: ServiceError(.conflict, description, code: "other_peer")
        case .doesNotFit: ServiceError(.conflict, description, code: "does_not_fit")
        case .invalidCode: ServiceError(.unprocessable, description, code: "invalid_code")
        case .otherGroup: ServiceError(.unprocessable, description, code: "other_group")
        case .unreadable: ServiceError(.unreadable, description, code: "unreadable_bundle")
        case .tampered: ServiceError(.unreadable, description, code: "tampered_bundle")
        case .wrongSignature: ServiceError(.unauthorized, description, code: "wrong_signature")
        case .cannotWrite: ServiceError(.busy, description, retryAfterSeconds: 30, code: "cannot_write")
        }
    }
}
