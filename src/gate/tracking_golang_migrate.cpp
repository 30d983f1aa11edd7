// golang-migrate's schema_migrations (or x-migrations-table): a single row holding the last
// version it applied and whether that migration stopped half way (dirty).
#include "gate/tracking.h"

namespace sg {
namespace {

std::optional<DbError> read_golang_migrate(Session& session, const std::string& table,
                                           std::vector<AppliedRow>& out) {
  std::vector<Row> rows;
  auto error = session.query("SELECT version::text, dirty FROM " + table, rows);
  if (error) return error;
  for (const auto& row : rows) {
    AppliedRow r;
    r.label = row[0].value_or("");
    r.key = canonical_version(r.label);
    if (row[1].value_or("f") == "t") {
      r.state = RowState::kFailed;
      r.why = "dirty";
    }
    out.push_back(std::move(r));
  }
  return std::nullopt;
}

}  // namespace

const TrackingReader kGolangMigrateTracking = {
    "golang-migrate", "schema_migrations", true, ChecksumKind::kNone, true,
    &version_key,     &read_golang_migrate,
};

}  // namespace sg
