import Services
import Testing
@testable import WebAPI

/// The heavy-work pool's places, in memory: how many are taken, refused past the capacity, and
/// always given back, however a request ends.
@Suite("Heavy-work pool: places and refusals")
struct HeavyWorkPoolTests {
    /// The refusal as a client sees it: the service's error, translated by the one mapping WebAPI has.
    static func refusal(_ pool: HeavyWorkPool) -> APIError? {
        do {
            _ = try pool.admit()
            return nil
        } catch let error as ServiceError {
            return APIErrorMiddleware<ParlonsRequestContext>.serviceError(error)
        } catch {
            return nil
        }
    }

    @Test("threads + queue length places; the next request is refused with 503 server_busy and Retry-After")
    func capacity() throws {
        let pool = HeavyWorkPool(threads: 1, queueLength: 1)
        let first = try pool.admit(), second = try pool.admit()
        let refused = try #require(Self.refusal(pool))
        #expect(refused.status == .serviceUnavailable && refused.code == "server_busy")
        #expect(refused.headers[.retryAfter].flatMap { Int($0) }.map { $0 > 0 } == true)
        first.release()
        let third = try pool.admit()
        #expect(Self.refusal(pool) != nil)
        withExtendedLifetime((second, third)) {}
    }

    @Test("a place is given back once, by release or when the admission is dropped (a body never written)")
    func givenBack() throws {
        let pool = HeavyWorkPool(threads: 1, queueLength: 0)
        let held = try pool.admit()
        held.release()
        held.release()
        let next = try pool.admit()
        // Released twice, counted once: the pool is full again.
        #expect(Self.refusal(pool) != nil)
        next.release()
        do {
            _ = try pool.admit()  // dropped at once, as a HEAD answer drops its body
        }
        #expect(Self.refusal(pool) == nil, "a dropped admission kept its place")
    }

    @Test("work runs on the pool's threads and its errors come back to the caller")
    func runs() async throws {
        let pool = HeavyWorkPool(threads: 2, queueLength: 0)
        let admission = try pool.admit()
        defer { admission.release() }
        #expect(try await admission.run { (1...1_000).reduce(0, +) } == 500_500)
        await #expect(throws: ServiceError.self) { try await admission.run { throw ServiceError(.notFound, "x") } }
    }
}
