import Hummingbird

extension Router where Context == ParlonsRequestContext {
    static let routedMethods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]

    /// Answers the methods a path does not serve with `405` and an `Allow` header (Hummingbird's
    /// router alone would answer 404).
    func refuseOtherMethods(on path: RouterPath, allowed: [HTTPRequest.Method]) {
        var allow = allowed
        if allowed.contains(.get) { allow.append(.head) }
        let allowHeader = allow.map(\.rawValue).joined(separator: ", ")
        for method in Self.routedMethods where !allowed.contains(method) {
            on(path, method: method) { _, _ -> Response in
                throw APIError(.methodNotAllowed, code: "method_not_allowed",
                               message: "\(method.rawValue) is not allowed here; use \(allowHeader)", headers: [.allow: allowHeader])
            }
        }
    }
}
