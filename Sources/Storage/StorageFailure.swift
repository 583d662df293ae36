/// An error of a store's engine that may be a storage failure (a full disk, a lock held by another
/// program): each implementation makes its engine's errors conform, so that callers need not know
/// the engine.
public protocol StorageFailure: Error {
    /// The failure as a ``StorageError``, or nil when it is not one.
    var storageError: StorageError? { get }
}

extension StorageError {
    /// The storage failure behind any error the stores throw; nil when `error` is not one.
    public static func classify(_ error: any Error) -> StorageError? {
        if let error = error as? StorageError { return error }
        return (error as? any StorageFailure)?.storageError
    }
}
