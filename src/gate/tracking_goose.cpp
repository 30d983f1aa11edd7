// goose's goose_db_version (or -table): an append-only log. `goose down` adds a row with
// is_applied = false instead of deleting one, so the latest row of each version wins; version 0
// is the row goose writes when it creates the table.
#include <map>

#include "gate/tracking.h"

namespace sg {
namespace {

std::optional<DbError> read_goose(Session& session, const std::string& table,
                                  std::vector<AppliedRow>& out) {
  std::vector<Row> rows;
  auto error = session.query(
      "SELECT version_id::text, is_applied, tstamp::text FROM " + table + " ORDER BY id", rows);
  if (error) return error;
  std::map<std::string, size_t> latest;  // key -> index in out
  for (const auto& row : rows) {
    AppliedRow r;
    r.label = row[0].value_or("");
    r.key = canonical_version(r.label);
    if (r.key == "0") continue;
    r.applied_at = row[2].value_or("");
    if (row[1].value_or("t") != "t") {
      r.state = RowState::kRolledBack;
      r.why = "rolled back at " + r.applied_at;
    }
    auto it = latest.find(r.key);
    if (it == latest.end()) {
      latest.emplace(r.key, out.size());
      out.push_back(std::move(r));
    } else {
      out[it->second] = std::move(r);
    }
  }
  return std::nullopt;
}

}  // namespace

const TrackingReader kGooseTracking = {
    "goose", "goose_db_version", true, ChecksumKind::kNone, false, &version_key, &read_goose,
};

}  // namespace sg
