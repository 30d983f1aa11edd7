// The repository's migrations against what the target's tracking table says: `status` prints
// it, and every gate check reads it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gate/tracking.h"
#include "core/migration.h"

namespace sg {

enum class MigrationState {
  kApplied,
  kPending,
  kMissing,           // applied on the target, no file in the repository
  kFailed,            // dirty, failed or never finished
  kChecksumMismatch,  // applied, and the file changed since
};
// "applied", "pending", "missing", "failed", "changed"
std::string_view to_string(MigrationState s);

struct MigrationStatus {
  MigrationState state = MigrationState::kPending;
  std::string label;  // version, or the name the tool knows it by
  const Migration* migration = nullptr;  // null for kMissing
  std::string file;                      // the up file; "" for kMissing
  std::string applied_at;
  std::string detail;  // why it is failed / changed / pending again
};

struct TargetStatus {
  std::string track;  // "" without [[tracks]]
  std::string layout;
  std::string table;
  std::string rows_where;  // "track = 'core'" when the track shares its table with others
  bool table_exists = false;
  bool records_checksums = false;
  // Repository migrations in apply order, then the applied ones the repository lacks.
  std::vector<MigrationStatus> entries;

  size_t count(MigrationState s) const;
  const MigrationStatus* latest_applied() const;  // the last applied in repository order
};

// `set` must outlive the result (entries point into it).
TargetStatus compare_with_target(const MigrationSet& set, const TrackingReader& reader,
                                 const TrackingState& state);

// "track core: " for messages about track `track`; "" without [[tracks]].
std::string track_prefix(const std::string& track);

// "applied  001  migrations/001_init.sql  (2025-01-02 10:00:00+00)" and the like, one per entry.
std::string status_line(const MigrationStatus& s);
// "schema_metadata (plain): 2 applied, 1 pending" or "... does not exist: nothing applied".
std::string status_summary(const TargetStatus& status);
nlohmann::json to_json(const TargetStatus& status);

}  // namespace sg
