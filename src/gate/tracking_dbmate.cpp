// dbmate's schema_migrations (or --migrations-table): the versions applied, as text.
#include "gate/tracking.h"

namespace sg {
namespace {

std::optional<DbError> read_dbmate(Session& session, const std::string& table,
                                   std::vector<AppliedRow>& out) {
  std::vector<Row> rows;
  auto error = session.query("SELECT version::text FROM " + table + " ORDER BY version", rows);
  if (error) return error;
  for (const auto& row : rows) {
    AppliedRow r;
    r.label = row[0].value_or("");
    r.key = canonical_version(r.label);
    out.push_back(std::move(r));
  }
  return std::nullopt;
}

}  // namespace

const TrackingReader kDbmateTracking = {
    "dbmate", "schema_migrations", true, ChecksumKind::kNone, false, &version_key, &read_dbmate,
};

}  // namespace sg
