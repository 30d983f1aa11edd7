// Liquibase's databasechangelog (or databaseChangeLogTableName): one row per changeset, known
// by author and id. Its md5sum is Liquibase's own versioned checksum, which schemagate does not
// recompute.
#include "gate/tracking.h"

namespace sg {
namespace {

std::optional<DbError> read_liquibase(Session& session, const std::string& table,
                                      std::vector<AppliedRow>& out) {
  std::vector<Row> rows;
  auto error = session.query(
      "SELECT author, id, exectype, dateexecuted::text FROM " + table + " ORDER BY orderexecuted",
      rows);
  if (error) return error;
  for (const auto& row : rows) {
    AppliedRow r;
    r.key = row[0].value_or("") + ":" + row[1].value_or("");
    r.label = r.key;
    r.applied_at = row[3].value_or("");
    if (row[2].value_or("") == "FAILED") {
      r.state = RowState::kFailed;
      r.why = "exectype FAILED";
    }
    out.push_back(std::move(r));
  }
  return std::nullopt;
}

std::string liquibase_key(const Migration& m) { return m.version; }

}  // namespace

const TrackingReader kLiquibaseTracking = {
    "liquibase",    "databasechangelog", true, ChecksumKind::kNone, false,
    &liquibase_key, &read_liquibase,
};

}  // namespace sg
