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
        guard recording.ownerId == person.id else {
            throw APIError(.forbidden, code: "forbidden", message: "only the owner can consent for their recording")
        }
        let body = try await request.decodeJSON(ConsentBody.self, context: context)
        guard body.visibility > .private else { throw APIError.invalidField("visibility", "consent is for group, network or public") }
        var spokenId: String?
        if body.method == .spoken {
            guard let id = body.consentRecordingId, ResourceID.isValid(id),
                  let spoken = try await library.metadata.recording(id: id, visibleTo: context.viewer), spoken.ownerId == person.id else {
                throw APIError.invalidField("consentRecordingId", "a spoken consent links to a recording of the owner's own voice")
            }
            spokenId = spoken.id
        } else if body.consentRecordingId != nil {
            throw APIError.invalidField("consentRecordingId", "only spoken consent links a recording")
        }
        let consent = Consent(recordingId: recording.id, personId: person.id, visibility: body.visibility,
                              method: body.method, consentRecordingId: spokenId)
        try await library.metadata.insert(consent)
        guard let updated = try await library.metadata.setVisibility(id: recording.id, visibility: body.visibility,
                                                                     sharedWithMentor: recording.sharedWithMentor) else {
            throw APIError.notFound("recording \(recording.id)")
        }
        return try created201(ConsentResponse(consent: ConsentRecordResponse(consent), recording: RecordingResponse(updated)),
                              location: "/api/recordings/\(recording.id)/consents", request: request, context: context)
    }

    /// `GET /api/recordings/{id}/consents`: who consented to what, when and how.
    @Sendable func consents(request: Request, context: ParlonsRequestContext) async throws -> [ConsentRecordResponse] {
        let recording = try await managed(context)
        return try await library.metadata.consents(recordingId: recording.id).map(ConsentRecordResponse.init)
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
