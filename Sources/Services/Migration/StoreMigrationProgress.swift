/// Progress as a migration goes, for a command to print.
public enum StoreMigrationProgress: Sendable {
    case blobsDone(StoreMigrationReport.BlobCount)
    case tableDone(StoreMigrationReport.TableCount)
    case verified(tables: Int, rows: Int)
}
