import Foundation
import Transcripts
import Yams

/// Turns the front matter's fields into a ``Scenario``, reporting each wrong or missing field.
struct ScenarioBuilder {
    var reader: ScenarioYAMLReader
    private var mediaUses: [ScenarioMediaUse] = []
    /// The text each shipped audio file says, as first given, with its line.
    private var fileTexts: [String: (text: String, line: Int)] = [:]

    init(reader: ScenarioYAMLReader) { self.reader = reader }

    mutating func build(_ top: [String: Node], firstLine: Int, notes: String, expectedSlug: String?) -> Scenario? {
        let slug = reader.text(top["slug"], field: "slug", line: firstLine, maximum: 60)
        if let slug, !Self.isSlug(slug) {
            reader.report(reader.line(of: top["slug"], fallback: firstLine), "'slug' must be lowercase letters, digits and '-' (like 'chez-le-medecin')")
        } else if let slug, let expectedSlug, slug != expectedSlug {
            reader.report(reader.line(of: top["slug"], fallback: firstLine), "'slug' is '\(slug)' but the file is named '\(expectedSlug).md': make them the same")
        }
        let title = reader.text(top["title"], field: "title", line: firstLine, maximum: 120)
        let languages = languageList(top["languages"], firstLine: firstLine)
        let themes = reader.texts(top["themes"], field: "themes", line: firstLine) ?? []
        let level = reader.integer(top["level"], field: "level", line: firstLine, in: 1...5) ?? 1
        let synthetic = reader.boolean(top["synthetic-voice"], field: "synthetic-voice", line: firstLine) ?? false
        for (field, node) in [("slug", top["slug"]), ("title", top["title"]), ("languages", top["languages"]), ("steps", top["steps"])] where node == nil {
            reader.report(firstLine, "'\(field)' is missing")
        }
        let main = languages?.first ?? "und"
        let picture = media(top["picture"], field: "picture", role: .picture, language: nil, text: nil, fallback: firstLine)
        let spokenTitle = media(top["spoken-title"], field: "spoken-title", role: .audio, language: main, text: title, fallback: firstLine)
        let steps = stepList(top["steps"], language: main, firstLine: firstLine)
        guard let slug, let title, let languages, let steps else { return nil }
        return Scenario(slug: slug, title: title, languages: languages, themes: themes, level: level, picture: picture,
                        spokenTitle: spokenTitle, syntheticVoice: synthetic, steps: steps, notes: notes, mediaUses: mediaUses)
    }

    static func isSlug(_ value: String) -> Bool {
        !value.hasPrefix("-") && !value.hasSuffix("-")
            && value.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }

    private mutating func languageList(_ node: Node?, firstLine: Int) -> [String]? {
        guard let raw = reader.texts(node, field: "languages", line: firstLine) else { return nil }
        var tags: [String] = []
        for value in raw {
            guard let tag = LanguageTag.canonical(value) else {
                reader.report(reader.line(of: node, fallback: firstLine), "'\(value.prefix(40))' in 'languages' is not a language tag (like fr, en, ar-MA)")
                return nil
            }
            tags.append(tag)
        }
        guard !tags.isEmpty else {
            reader.report(reader.line(of: node, fallback: firstLine), "'languages' needs at least one language")
            return nil
        }
        return tags
    }

    private mutating func stepList(_ node: Node?, language: String, firstLine: Int) -> [ScenarioStep]? {
        guard let node else { return nil }
        guard case .sequence(let sequence) = node, !sequence.isEmpty else {
            reader.report(reader.line(of: node, fallback: firstLine), "'steps' must be a list of steps, each starting with '- kind: …'")
            return nil
        }
        guard sequence.count <= ScenarioParser.maximumSteps else {
            reader.report(reader.line(of: node, fallback: firstLine), "a scenario has at most \(ScenarioParser.maximumSteps) steps")
            return nil
        }
        var steps: [ScenarioStep] = []
        var ids: [String: Int] = [:]
        for (index, item) in sequence.enumerated() {
            let line = reader.line(of: item, fallback: firstLine)
            guard case .mapping(let mapping) = item else {
                reader.report(line, "step \(index + 1) must be fields like 'kind: listen'")
                continue
            }
            let fields = reader.entries(of: mapping, known: ScenarioParser.stepFields, what: "step \(index + 1)")
            guard let step = self.step(fields, position: index + 1, line: line, language: language) else { continue }
            if let previous = ids[step.id] {
                reader.report(line, "step \(index + 1): id '\(step.id)' is already the id of the step on line \(previous)")
            }
            ids[step.id] = line
            steps.append(step)
        }
        return steps.count == sequence.count ? steps : nil
    }

    private mutating func step(_ fields: [String: Node], position: Int, line: Int, language main: String) -> ScenarioStep? {
        let what = "step \(position)"
        guard let rawKind = reader.text(fields["kind"], field: "kind", line: line, maximum: 40) else {
            if fields["kind"] == nil { reader.report(line, "\(what): 'kind' is missing (one of \(Self.kindList))") }
            return nil
        }
        guard let kind = ScenarioStepKind(rawValue: rawKind) else {
            reader.report(reader.line(of: fields["kind"], fallback: line), "\(what): unknown kind '\(rawKind.prefix(40))' (one of \(Self.kindList))")
            return nil
        }
        let id = reader.text(fields["id"], field: "id", line: line, maximum: 40) ?? String(position)
        if !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            reader.report(reader.line(of: fields["id"], fallback: line), "\(what): 'id' may hold only letters, digits, '-' and '_'")
        }
        var language = main
        if let raw = reader.text(fields["language"], field: "language", line: line, maximum: 35) {
            if let tag = LanguageTag.canonical(raw) { language = tag } else {
                reader.report(reader.line(of: fields["language"], fallback: line), "\(what): '\(raw.prefix(40))' is not a language tag")
            }
        }
        let title = reader.text(fields["title"], field: "title", line: line, maximum: 120)
        let text = reader.text(fields["text"], field: "text", line: line, maximum: 4_000)
        let level = reader.integer(fields["level"], field: "level", line: line, in: 1...3)
        let prompt = media(fields["prompt"], field: "prompt", role: .audio, language: language, text: text, fallback: line)
        let recordingRole: ScenarioMediaUse.Role = kind.needsTimedTranscript ? .timedRecording : .audio
        let recording = media(fields["recording"], field: "recording", role: recordingRole, language: language, text: text, fallback: line)
        checkRequirements(kind, fields: fields, prompt: prompt, recording: recording, text: text, what: what, line: line)
        return ScenarioStep(id: id, kind: kind, title: title, prompt: prompt, recording: recording, text: text,
                            language: language, level: level, line: line)
    }

    /// What each kind needs: `record` a spoken question, exercises a recording (and the text of a
    /// shipped file, to time it), `talk` its text.
    private mutating func checkRequirements(_ kind: ScenarioStepKind, fields: [String: Node], prompt: ScenarioMedia?,
                                            recording: ScenarioMedia?, text: String?, what: String, line: Int) {
        switch kind {
        case .listen:
            if fields["prompt"] == nil && fields["recording"] == nil { reader.report(line, "\(what): a listen step needs 'prompt' (the audio to hear)") }
        case .record:
            if fields["prompt"] == nil { reader.report(line, "\(what): a record step needs 'prompt' (the spoken question)") }
        case .talk:
            if fields["text"] == nil { reader.report(line, "\(what): a talk step needs 'text' (the question for the group)") }
        case .readAlong, .gapFill, .dictation, .repeat:
            if fields["recording"] == nil {
                reader.report(line, "\(what): a \(kind.rawValue) step needs 'recording' (audio with a transcript)")
            } else if case .file = recording, text == nil {
                reader.report(line, "\(what): 'text' is missing: a shipped recording needs its transcript to be timed")
            }
            if fields["prompt"] != nil { reader.report(reader.line(of: fields["prompt"], fallback: line), "\(what): a \(kind.rawValue) step has no 'prompt'; use 'recording'") }
        }
    }

    /// A media field: a path (checked for its extension) or a recording id, remembered with its line.
    private mutating func media(_ node: Node?, field: String, role: ScenarioMediaUse.Role, language: String?, text: String?,
                                fallback: Int) -> ScenarioMedia? {
        guard let raw = reader.text(node, field: field, line: fallback, maximum: 300) else { return nil }
        let line = reader.line(of: node, fallback: fallback)
        guard let media = ScenarioMedia(field: raw) else {
            reader.report(line, "'\(field)' must be a file under media/ (like prompts/bonjour.opus) or a recording id, not '\(raw.prefix(60))'")
            return nil
        }
        if case .file(let path) = media {
            let allowed = role == .picture ? ScenarioParser.pictureExtensions : ScenarioParser.audioExtensions
            let ext = (path as NSString).pathExtension.lowercased()
            guard allowed.contains(ext) else {
                reader.report(line, "'\(field)': '\(path.prefix(60))' should end in .\(allowed.joined(separator: ", ."))")
                return nil
            }
            if role != .picture, let text {
                if let earlier = fileTexts[path], earlier.text != text {
                    reader.report(line, "'\(path)' is given another text on line \(earlier.line): one file says one text")
                } else if fileTexts[path] == nil {
                    fileTexts[path] = (text, line)
                }
            }
        }
        mediaUses.append(ScenarioMediaUse(media: media, role: role, field: field, line: line, language: language,
                                          text: role == .picture ? nil : text))
        return media
    }

    static let kindList = ScenarioStepKind.allCases.map(\.rawValue).joined(separator: ", ")
}
