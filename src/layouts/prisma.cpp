// Prisma (seed 002): `prisma/migrations/<timestamp>_<name>/migration.sql`. `prisma migrate
// deploy` always wraps a migration in one transaction. Prisma writes no down migration; teams
// that keep one put `down.sql` beside migration.sql.
#include <regex>
#include <set>

#include "layouts/layout.h"

namespace sg {
namespace {

const std::regex kFolder(R"(^(\d+)_(.+)$)");
const std::regex kConvention(R"(^\d{14}_[a-z0-9_]+$)");

// The migration folder names below `dir` that hold a migration.sql or down.sql.
std::set<std::string> folders(const Snapshot& files, const std::string& dir) {
  std::set<std::string> out;
  for (const auto& rel : files.files_in(dir, true)) {
    size_t slash = rel.find('/');
    if (slash == std::string::npos || rel.find('/', slash + 1) != std::string::npos) continue;
    std::string file = rel.substr(slash + 1);
    if (file == "migration.sql" || file == "down.sql") out.insert(rel.substr(0, slash));
  }
  return out;
}

}  // namespace

bool claims_prisma(const Snapshot& files, const std::string& dir) {
  for (const auto& folder : folders(files, dir)) {
    if (std::regex_match(folder, kFolder) && files.has(join_path(dir, folder + "/migration.sql"))) {
      return true;
    }
  }
  return false;
}

LayoutScan scan_prisma(const Snapshot& files, const std::string& dir) {
  LayoutScan out;
  bool keeps_downs = false;
  for (const auto& folder : folders(files, dir)) {
    keeps_downs = keeps_downs || files.has(join_path(dir, folder + "/down.sql"));
  }
  for (const auto& folder : folders(files, dir)) {
    std::string up = join_path(dir, folder + "/migration.sql");
    std::string down = join_path(dir, folder + "/down.sql");
    if (!files.has(up)) {
      out.orphan_rollbacks.push_back(down);
      continue;
    }
    Migration mig;
    std::smatch m;
    if (std::regex_match(folder, m, kFolder)) {
      mig.version = m[1];
      mig.name = m[2];
    } else {
      mig.version = folder;  // Prisma applies folders in name order whatever they are called
      mig.name = folder;
    }
    if (!std::regex_match(folder, kConvention)) {
      mig.naming_problem =
          "Prisma names migration folders <14-digit timestamp>_<name> "
          "(lower case, underscores), and applies them in name order";
    }
    mig.id = folder;
    mig.layout = "prisma";
    mig.scope = dir;
    mig.expects_rollback = keeps_downs;
    mig.up = make_script(up, files.read(up), TransactionMode::kWrappedByTool);
    if (files.has(down)) {
      // Run by hand with `prisma db execute`, which sends the file in one call.
      mig.down = make_script(down, files.read(down), TransactionMode::kWholeFileImplicit);
    }
    out.migrations.push_back(std::move(mig));
  }
  // Folder names sort as Prisma applies them (std::set order).
  return out;
}

std::string expected_rollback_prisma(const Migration& m) {
  return up_dir(m) + "down.sql";
}

// The tracking table, for `status` and `gate`.
// Prisma's _prisma_migrations (its name is fixed): one row per attempt, with the SHA-256 of
// migration.sql. A row with rolled_back_at was undone (`migrate resolve --rolled-back`) and
// `migrate deploy` applies the migration again; one never finished blocks every deploy (P3009).
namespace {

std::string prisma_key(const Migration& m) { return m.id; }

std::optional<DbError> read_prisma(Queryable& session, const std::string& table,
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

extern const TrackingReader tracking_prisma;
const TrackingReader tracking_prisma = {
    "prisma",    "_prisma_migrations", false, ChecksumKind::kPrismaSha256, false,
    &prisma_key, &read_prisma,
};

}  // namespace sg
