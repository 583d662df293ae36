import Testing
import Transcripts

@Suite("Line differences")
struct LineDiffTests {
    @Test("kept, removed and added lines carry their numbers on each side")
    func lines() {
        let diff = LineDiff(from: "a\nb\nc\nd\n", to: "a\nc\nd\ne\n")
        #expect(diff.lines.map(\.change) == [.same, .removed, .same, .same, .added])
        #expect(diff.lines[1].oldLine == 2 && diff.lines[1].newLine == nil)
        #expect(diff.lines[4].newLine == 4 && diff.lines[4].oldLine == nil)
        #expect(diff.counts.added == 1 && diff.counts.removed == 1)
        #expect(LineDiff(from: "x\ny", to: "x\ny\n").isEmpty)
    }

    @Test("the unified diff has the hunks `diff -u` would print")
    func unified() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n")
        var newLines = (1...20).map { "line \($0)" }
        newLines[1] = "line two"
        newLines.insert("new line", at: 15)
        let text = LineDiff(from: old, to: newLines.joined(separator: "\n")).unified(oldName: "a", newName: "b")
        #expect(text == """
            --- a
            +++ b
            @@ -1,5 +1,5 @@
             line 1
            -line 2
            +line two
             line 3
             line 4
             line 5
            @@ -13,6 +13,7 @@
             line 13
             line 14
             line 15
            +new line
             line 16
             line 17
             line 18

            """)
    }
}
