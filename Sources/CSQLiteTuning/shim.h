#include <sqlite3.h>

/// `sqlite3_config` is variadic, so Swift cannot call it directly. Turning the memory statistics
/// off removes a process-wide mutex from every SQLite allocation (FTS5 allocates a lot per query).
/// It only works before SQLite is first initialized; afterwards it returns SQLITE_MISUSE.
static inline int parlons_sqlite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
