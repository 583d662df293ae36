import Hummingbird

/// `201 Created` with a Location and the JSON of what was made.
func created201(_ body: some ResponseEncodable, location: String, request: Request, context: ParlonsRequestContext) throws -> Response {
    let response = try body.response(from: request, context: context)
    var headers = response.headers
    headers[.location] = location
    return Response(status: .created, headers: headers, body: response.body)
}
