import Storage
import Testing

/// Opens fresh, empty stores: a new database and new blob stores that no other test shares. The
/// suites may call it more than once in one behaviour; whoever provides it cleans up afterwards.
public typealias StoreFactory = @Sendable () async throws -> Stores

/// One behaviour of a store protocol, checked on whatever implementation the factory opens.
/// Each suite lists its behaviours in `cases`, so a test target runs every one of them with one
/// parameterised test per protocol, and a behaviour added to a suite runs on every implementation.
public struct ConformanceCase: Sendable, CustomTestStringConvertible {
    public let name: String
    private let body: @Sendable (StoreFactory) async throws -> Void

    public init(_ name: String, _ body: @escaping @Sendable (StoreFactory) async throws -> Void) {
        self.name = name
        self.body = body
    }

    /// Checks the behaviour on stores made by `factory`; failed expectations are recorded in the
    /// calling test.
    public func run(_ factory: StoreFactory) async throws {
        try await body(factory)
    }

    public var testDescription: String { name }
}
