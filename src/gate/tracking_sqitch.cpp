// sqitch's registry table sqitch.changes (the registry schema is configurable): one row per
// deployed change, by name; a revert deletes the row.
#include "gate/tracking.h"

namespace sg {
namespace {

std::string sqitch_key(const Migration& m) { return m.name; }

std::optional<DbError> read_sqitch(Session& session, const std::string& table,
                                   std::vector<AppliedRow>& out) {
  std::vector<Row> rows;
  auto error = session.query(
      "SELECT change, project, committed_at::text FROM " + table + " ORDER BY committed_at",
      rows);
  if (error) return error;
  for (const auto& row : rows) {
    AppliedRow r;
    r.key = row[0].value_or("");
    r.label = r.key;
    r.applied_at = row[2].value_or("");
    out.push_back(std::move(r));
  }
  return std::nullopt;
}

}  // namespace

const TrackingReader kSqitchTracking = {
    "sqitch",    "sqitch.changes", true, ChecksumKind::kNone, false,
    &sqitch_key, &read_sqitch, "project", "sqitch.*",
};

}  // namespace sg
