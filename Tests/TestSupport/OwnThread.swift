import Foundation

/// Runs `work` on a thread of its own and resumes with its result. Async tests share a few
/// threads (one per core): blocking one of them for seconds (waiting for a tool or a server to
/// exit, a cluster to start) holds up every other test's sleeps and answers meanwhile.
public func onOwnThread<Value: Sendable, Failure: Error>(_ work: @escaping @Sendable () throws(Failure) -> Value) async throws(Failure) -> Value {
    let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, Failure>, Never>) in
        Thread { continuation.resume(returning: Result(catching: work)) }.start()
    }
    return try result.get()
}
