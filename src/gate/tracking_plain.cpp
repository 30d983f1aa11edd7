// Seed 000's own record: each migration ends with
// INSERT INTO schema_metadata (version, description, applied_at) VALUES ('XXX', '...', now()).
#include "gate/tracking.h"

namespace sg {
namespace {

std::optional<DbError> read_plain(Session& session, const std::string& table,
                                  std::vector<AppliedRow>& out) {
  std::vector<Row> rows;
  auto error = session.query(
      "SELECT version::text, description::text, applied_at::text FROM " + table +
          " ORDER BY applied_at, version",
      rows);
  if (error) return error;
  for (const auto& row : rows) {
    AppliedRow r;
    r.label = row[0].value_or("");
    r.key = canonical_version(r.label);
    r.applied_at = row[2].value_or("");
    out.push_back(std::move(r));
  }
  return std::nullopt;
}

}  // namespace

const TrackingReader kPlainTracking = {
    "plain", "schema_metadata", true, ChecksumKind::kNone, false, &version_key, &read_plain,
};

}  // namespace sg
