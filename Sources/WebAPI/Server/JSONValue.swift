import Foundation
import Hummingbird
import NIOCore

/// Any JSON value: request bodies whose shape is checked field by field, so that a wrong shape is
/// a `422` naming the field rather than a decoding error.
enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// A whole number that fits an `Int` exactly (`3`, `3.0`), else nil.
    var int: Int? {
        guard case .number(let value) = self, value.rounded() == value, abs(value) < 9_007_199_254_740_992 else { return nil }
        return Int(value)
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var object: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var isNull: Bool { self == .null }

    /// Reads a small JSON body (at most `limit` bytes) as a JSON object: `400 invalid_json` when it
    /// is not JSON or not an object, `413` past the limit.
    static func object(from request: Request, limit: Int) async throws -> [String: JSONValue] {
        let body = try await request.collectBody(upTo: limit, what: "JSON bodies here")
        guard body.readableBytes > 0 else { throw APIError(.badRequest, code: "empty_body", message: "the request has no JSON body") }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: body))
        } catch {
            throw APIError(.badRequest, code: "invalid_json", message: "the body is not JSON")
        }
        guard let object = value.object else { throw APIError(.badRequest, code: "invalid_json", message: "the body must be a JSON object") }
        return object
    }
}
