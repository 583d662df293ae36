import Foundation
import Hummingbird
import Services
import Storage

extension RecordingsController {
    struct ConsentBody: Decodable {
        let visibility: Visibility
        let method: Consent.Method
        let consentRecordingId: String?
    }

    /// `POST /api/recordings/{id}/consent`: the owner consents to a wider visibility (after hearing
    /// the consent screen's explanation, by a tap or a short spoken consent), and the recording
    /// takes that visibility.
    @Sendable func consent(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try context.requirePerson()
        let recording = try await existing(context)
        try service.requireConsenter(person, of: recording)
        let body = try await request.decodeJSON(ConsentBody.self, context: context)
        let (consent, updated) = try await service.consent(to: body.visibility, method: body.method, consentRecordingId: body.consentRecordingId,
                                                           on: recording, owner: person)
        return try created201(ConsentResponse(consent: ConsentRecordResponse(consent), recording: RecordingResponse(updated)),
                              location: "/api/recordings/\(recording.id)/consents", request: request, context: context)
    }

    /// `GET /api/recordings/{id}/consents`: who consented to what, when and how.
    @Sendable func consents(request: Request, context: ParlonsRequestContext) async throws -> [ConsentRecordResponse] {
        try await service.consents(of: try await managed(context)).map(ConsentRecordResponse.init)
    }
}

struct ConsentRecordResponse: ResponseEncodable {
    let id: String
    let personId: String
    let visibility: Visibility
    let method: Consent.Method
    let consentRecordingId: String?
    let givenAt: String

    init(_ consent: Consent) {
        id = consent.id
        personId = consent.personId
        visibility = consent.visibility
        method = consent.method
        consentRecordingId = consent.consentRecordingId
        givenAt = ISO8601.string(consent.givenAt)
    }
}

struct ConsentResponse: ResponseEncodable {
    let consent: ConsentRecordResponse
    let recording: RecordingResponse
}
