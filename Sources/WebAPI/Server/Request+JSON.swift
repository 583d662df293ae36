import Foundation
import Hummingbird

extension Request {
    /// Decodes a small JSON body, answering `400 invalid_json` with the path of what is wrong.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: ParlonsRequestContext) async throws -> T {
        let body = try await self.body.collect(upTo: context.maxUploadSize)
        do {
            return try JSONDecoder().decode(type, from: Data(buffer: body))
        } catch let error as DecodingError {
            throw APIError(.badRequest, code: "invalid_json", message: "the body is not the JSON expected: \(Self.describe(error))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
