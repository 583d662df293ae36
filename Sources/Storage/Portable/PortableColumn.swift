/// A column: its name, what it holds, and whether it refers forward to a table loaded later.
public struct PortableColumn: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case integer, real, text, boolean, bytes
    }

    public let name: String
    public let kind: Kind
    /// Filled in after every table is loaded: it refers to a table that itself refers to this one
    /// (a person's spoken name is a recording, a recording has an owner).
    public let late: Bool

    public init(_ name: String, _ kind: Kind, late: Bool = false) {
        self.name = name
        self.kind = kind
        self.late = late
    }
}
