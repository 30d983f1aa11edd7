// pg_locks' mode names and what each table-level mode blocks, in words, per PostgreSQL's lock
// conflict table ("Explicit Locking", table 13.2).
#pragma once

#include <optional>
#include <string_view>

#include "sql/lock_level.h"

namespace sg {

// "AccessExclusiveLock" (pg_locks.mode) -> LockMode; nullopt for a mode that is not a
// table-level one.
std::optional<LockMode> lock_mode_from_pg(std::string_view pg_mode);

// What the mode keeps other sessions from doing, e.g. "reads and writes" for ACCESS EXCLUSIVE.
std::string_view lock_blocks(LockMode mode);

}  // namespace sg
