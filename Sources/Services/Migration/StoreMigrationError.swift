import Storage

/// Why moving a library to other engines stopped. What was copied before stays (a new run skips
/// it), and nothing already in the destination is changed.
public enum StoreMigrationError: Error, Equatable, CustomStringConvertible {
    /// The destination holds rows the source does not: another library, or one that was served
    /// (changed) after it moved.
    case differentLibrary(table: String, key: String)
    /// A blob the source's rows name is not in the source.
    case sourceBlobMissing(MediaStoreKind, sha256: String)
    /// A source blob's bytes do not hash to its name.
    case sourceBlobDamaged(MediaStoreKind, sha256: String)
    /// A blob read back from the destination does not hash to its name.
    case destinationBlobDamaged(MediaStoreKind, sha256: String)
    /// After loading, a table does not hold as many rows on both sides.
    case countsDiffer(table: String, source: Int, destination: Int)
    /// After loading, a row differs between both sides (or is missing from one).
    case rowsDiffer(table: String, key: String)

    public var description: String {
        switch self {
        case .differentLibrary(let table, let key):
            "the destination already holds a different library (its \(table) \(key) is not in the source): "
                + "move into an empty database, or drop what is there first"
        case .sourceBlobMissing(let kind, let sha256):
            "the source's \(kind.folder) file \(sha256) is missing (its row names it): restore it from a backup first"
        case .sourceBlobDamaged(let kind, let sha256):
            "the source's \(kind.folder) file \(sha256) is damaged (its bytes do not hash to its name): restore it from a backup first"
        case .destinationBlobDamaged(let kind, let sha256):
            "the \(kind.folder) blob \(sha256) read back from the destination does not hash to its name"
        case .countsDiffer(let table, let source, let destination):
            "table \(table) holds \(source) rows in the source but \(destination) in the destination"
        case .rowsDiffer(let table, let key):
            "table \(table): the row \(key) differs between the source and the destination"
        }
    }
}
