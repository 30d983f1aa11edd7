// Prisma's _prisma_migrations (its name is fixed): one row per attempt, with the SHA-256 of
// migration.sql. A row with rolled_back_at was undone (`migrate resolve --rolled-back`) and
// `migrate deploy` applies the migration again; one never finished blocks every deploy (P3009).
#include "gate/tracking.h"

namespace sg {
namespace {

std::string prisma_key(const Migration& m) { return m.id; }

std::optional<DbError> read_prisma(Session& session, const std::string& table,
                                   std::vector<AppliedRow>& out) {
  std::vector<Row> rows;
  auto error = session.query(
      "SELECT migration_name, checksum, finished_at::text, rolled_back_at::text, "
      "started_at::text FROM " + table + " ORDER BY started_at, migration_name",
      rows);
  if (error) return error;
  for (const auto& row : rows) {
    AppliedRow r;
    r.key = row[0].value_or("");
    r.label = r.key;
    r.checksum = row[1].value_or("");
    r.applied_at = row[2].value_or(row[4].value_or(""));
    if (row[3]) {
      r.state = RowState::kRolledBack;
      r.why = "rolled back at " + *row[3];
    } else if (!row[2]) {
      r.state = RowState::kFailed;
      r.why = "started at " + row[4].value_or("?") + ", never finished";
    }
    out.push_back(std::move(r));
  }
  return std::nullopt;
}

}  // namespace

const TrackingReader kPrismaTracking = {
    "prisma",    "_prisma_migrations", false, ChecksumKind::kPrismaSha256, false,
    &prisma_key, &read_prisma,
};

}  // namespace sg
