/// The README's authority table written again, on its own, from the table: who may hear a
/// recording, see or change a person, manage a group or its members, pair a mentor. The property
/// test runs random operations against the live server and this model side by side, and requires
/// every answer to be the one the model predicts.
struct AuthorityModel {
    enum Role: String { case admin, trainer, learner }

    struct Recording {
        let id: String
        let owner: String
        var visibility: String
        let group: String?
        var sharedWithMentor: Bool
    }

    var roles: [String: Role] = [:]
    var members: [String: Set<String>] = [:]
    /// The groups in the one network of the test.
    var network: Set<String> = []
    var pairs: [(mentor: String, newcomer: String)] = []
    var recordings: [String: Recording] = [:]
    /// Withdrawn recordings and who owned them.
    var withdrawn: [String: String] = [:]

    func groups(of person: String) -> Set<String> { Set(members.filter { $0.value.contains(person) }.keys) }
    func isAdmin(_ person: String) -> Bool { roles[person] == .admin }
    func sharesGroup(_ a: String, _ b: String) -> Bool { !groups(of: a).isDisjoint(with: groups(of: b)) }

    /// A trainer and a learner of one of their groups: the only relation that gives power over a person.
    func trains(_ actor: String, _ person: String) -> Bool {
        roles[actor] == .trainer && roles[person] == .learner && sharesGroup(actor, person)
    }

    func manages(_ actor: String, _ person: String) -> Bool { isAdmin(actor) || trains(actor, person) }

    /// Seeing a person at all: admins everyone, oneself, trainers the people of their groups.
    func sees(_ actor: String, _ person: String) -> Bool {
        isAdmin(actor) || actor == person || (roles[actor] == .trainer && sharesGroup(actor, person))
    }

    func hears(_ viewer: String?, _ recording: Recording) -> Bool {
        if recording.visibility == "public" { return true }
        guard let viewer else { return false }
        if isAdmin(viewer) || recording.owner == viewer || trains(viewer, recording.owner) { return true }
        let mine = groups(of: viewer)
        if let group = recording.group, ["group", "network"].contains(recording.visibility), mine.contains(group) { return true }
        if let group = recording.group, recording.visibility == "network", network.contains(group), !mine.isDisjoint(with: network) {
            return true
        }
        return recording.sharedWithMentor && pairs.contains { $0.mentor == viewer && $0.newcomer == recording.owner }
    }

    func managesRecording(_ actor: String, owner: String) -> Bool { isAdmin(actor) || owner == actor || trains(actor, owner) }

    // MARK: expected statuses

    /// `GET /api/recordings/ID`.
    func readStatus(_ viewer: String?, recording id: String) -> Int {
        if let recording = recordings[id] { return hears(viewer, recording) ? 200 : 404 }
        if let owner = withdrawn[id], let viewer, managesRecording(viewer, owner: owner) { return 410 }
        return 404
    }

    /// `PATCH /api/recordings/ID` (title) and `POST …/withdraw`.
    func manageRecordingStatus(_ actor: String, recording id: String, success: Int) -> Int {
        let read = readStatus(actor, recording: id)
        guard read == 200, let recording = recordings[id] else { return read }
        return managesRecording(actor, owner: recording.owner) ? success : 403
    }

    /// `GET /api/people/ID/sign-in-attempts` and `PATCH /api/people/ID`.
    func personStatus(_ actor: String, _ person: String, success: Int) -> Int {
        guard sees(actor, person) else { return 404 }
        return actor == person || manages(actor, person) ? success : 403
    }

    /// `PUT /api/people/ID/picture-code`.
    func setCodeStatus(_ actor: String, _ person: String) -> Int {
        guard sees(actor, person) else { return 404 }
        guard roles[person] == .learner else { return 409 }
        return actor != person && manages(actor, person) ? 204 : 403
    }

    /// `POST /api/people` of a learner into `groupIds`.
    func createLearnerStatus(_ actor: String, groupIds: [String]) -> Int {
        switch roles[actor] {
        case .admin?: return 201
        case .trainer?:
            guard groupIds.allSatisfy(groups(of: actor).contains) else { return 403 }
            return groupIds.isEmpty ? 422 : 201
        default: return 403
        }
    }

    /// Managing a group: admins, its trainers; 404 when the actor cannot see it.
    func manageGroupStatus(_ actor: String, _ group: String) -> Int? {
        guard isAdmin(actor) || members[group, default: []].contains(actor) else { return 404 }
        return isAdmin(actor) || roles[actor] == .trainer ? nil : 403
    }

    /// `POST /api/groups/G/members`.
    func addMemberStatus(_ actor: String, _ person: String, _ group: String) -> Int {
        if let refused = manageGroupStatus(actor, group) { return refused }
        if isAdmin(actor) { return 204 }
        guard roles[person] == .learner else { return 403 }
        return members[group, default: []].contains(person) || trains(actor, person) ? 204 : 403
    }

    /// `DELETE /api/groups/G/members/P`.
    func removeMemberStatus(_ actor: String, _ person: String, _ group: String) -> Int {
        guard isAdmin(actor) || members[group, default: []].contains(actor) else { return 404 }
        if person != actor {
            if let refused = manageGroupStatus(actor, group) { return refused }
            if !isAdmin(actor), roles[person] != .learner { return 403 }
        }
        return members[group, default: []].contains(person) ? 204 : 404
    }

    /// `POST /api/mentoring-pairs`.
    func pairStatus(_ actor: String, mentor: String, newcomer: String) -> Int {
        guard roles[actor] != .learner else { return 403 }
        guard mentor != newcomer else { return 422 }
        return isAdmin(actor) || trains(actor, newcomer) ? 201 : 403
    }
}
