#include "db/lock_modes.h"

#include <iterator>

namespace sg {

std::optional<LockMode> lock_mode_from_pg(std::string_view pg_mode) {
  static constexpr std::string_view kNames[] = {
      "AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock",
      "ShareLock",       "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"};
  for (size_t i = 0; i < std::size(kNames); ++i) {
    if (kNames[i] == pg_mode) return static_cast<LockMode>(i);
  }
  return std::nullopt;
}

// Reads are SELECT (ACCESS SHARE), writes are INSERT/UPDATE/DELETE (ROW EXCLUSIVE); the rest of
// each row of the conflict table is summed up as the statements users know.
std::string_view lock_blocks(LockMode mode) {
  switch (mode) {
    case LockMode::kAccessShare: return "only ACCESS EXCLUSIVE schema changes, not reads or writes";
    case LockMode::kRowShare: return "EXCLUSIVE and ACCESS EXCLUSIVE locks, not reads or writes";
    case LockMode::kRowExclusive: return "CREATE INDEX and schema changes, not reads or writes";
    case LockMode::kShareUpdateExclusive: return "schema changes and VACUUM, not reads or writes";
    case LockMode::kShare: return "writes";
    case LockMode::kShareRowExclusive: return "writes and other schema changes";
    case LockMode::kExclusive: return "writes and SELECT FOR UPDATE/SHARE, not plain reads";
    case LockMode::kAccessExclusive: return "reads and writes";
  }
  return "";
}

}  // namespace sg
