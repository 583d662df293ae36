/// Finds the line where a value stands in a JSON text, from its path (`segments[2].words[0]`), so
/// that errors about a decoded value can name the line a person would fix.
enum JSONLineFinder {
    /// The 1-based line where the value at `path` starts; 1 when the path is empty or not found.
    static func line(of path: String, in text: String) -> Int {
        guard !path.isEmpty else { return 1 }
        struct Frame {
            var isArray: Bool
            var key = ""
            var index = 0
            var expectingKey = true
        }
        var stack: [Frame] = []
        var line = 1
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func currentPath() -> String {
            stack.reduce("") { result, frame in
                frame.isArray ? result + "[\(frame.index)]" : (result.isEmpty ? frame.key : result + "." + frame.key)
            }
        }
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "\n":
                line += 1
            case "{", "[":
                if currentPath() == path { return line }
                stack.append(Frame(isArray: c == "["))
            case "}", "]":
                _ = stack.popLast()
            case ",":
                if stack.last?.isArray == true { stack[stack.count - 1].index += 1 } else if !stack.isEmpty { stack[stack.count - 1].expectingKey = true }
            case ":":
                if !stack.isEmpty { stack[stack.count - 1].expectingKey = false }
            case "\"":
                let startLine = line
                var value = ""
                i += 1
                while i < scalars.count && scalars[i] != "\"" {
                    if scalars[i] == "\\" { i += 1 }
                    if i < scalars.count {
                        if scalars[i] == "\n" { line += 1 }
                        value.unicodeScalars.append(scalars[i])
                    }
                    i += 1
                }
                if let top = stack.last, !top.isArray, top.expectingKey {
                    stack[stack.count - 1].key = value
                } else if currentPath() == path {
                    return startLine
                }
            case " ", "\t", "\r":
                break
            default:
                if currentPath() == path { return line }
                while i + 1 < scalars.count, !",}] \t\r\n".unicodeScalars.contains(scalars[i + 1]) { i += 1 }
            }
            i += 1
        }
        return 1
    }
}
