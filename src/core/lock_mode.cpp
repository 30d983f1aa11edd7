#include "core/lock_mode.h"

namespace sg {

std::string_view lock_mode_name(LockMode mode) {
  switch (mode) {
    case LockMode::kAccessShare: return "ACCESS SHARE";
    case LockMode::kRowShare: return "ROW SHARE";
    case LockMode::kRowExclusive: return "ROW EXCLUSIVE";
    case LockMode::kShareUpdateExclusive: return "SHARE UPDATE EXCLUSIVE";
    case LockMode::kShare: return "SHARE";
    case LockMode::kShareRowExclusive: return "SHARE ROW EXCLUSIVE";
    case LockMode::kExclusive: return "EXCLUSIVE";
    case LockMode::kAccessExclusive: return "ACCESS EXCLUSIVE";
  }
  return "";
}

std::optional<LockMode> parse_lock_mode(std::string_view name) {
  for (int m = 0; m <= static_cast<int>(LockMode::kAccessExclusive); ++m) {
    if (lock_mode_name(static_cast<LockMode>(m)) == name) return static_cast<LockMode>(m);
  }
  return std::nullopt;
}

bool is_blocking(LockMode mode) { return mode >= LockMode::kShare; }

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
