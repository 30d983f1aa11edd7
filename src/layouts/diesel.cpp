// diesel (Rust): `migrations/<version>_<name>/up.sql` + `down.sql`, the version a timestamp
// (`2023-01-01-000000`, or `00000000000000` for diesel's initial setup). `diesel migration run`
// applies pending migrations in version order, each in its own transaction unless the folder's
// `metadata.toml` says `run_in_transaction = false`. Every migration has a down.sql (diesel
// generates both).
#include <map>
#include <regex>

#include "layouts/layout.h"

namespace sg {
namespace {

const std::regex kFolder(R"(^(\d[\d-]*)_(.+)$)");
const std::regex kNoTransaction(R"((^|\n)\s*run_in_transaction\s*=\s*false\b)");

// Migration folder name -> true when it holds up.sql (false: only a down.sql or metadata).
std::map<std::string, bool> folders(const Snapshot& files, const std::string& dir) {
  std::map<std::string, bool> out;
  for (const auto& rel : files.files_in(dir, true)) {
    size_t slash = rel.find('/');
    if (slash == std::string::npos || rel.find('/', slash + 1) != std::string::npos) continue;
    std::string folder = rel.substr(0, slash);
    std::string file = rel.substr(slash + 1);
    if (!std::regex_match(folder, kFolder)) continue;
    if (file == "up.sql") out[folder] = true;
    if (file == "down.sql") out.emplace(folder, false);
  }
  return out;
}

}  // namespace

bool claims_diesel(const Snapshot& files, const std::string& dir) {
  for (const auto& [folder, has_up] : folders(files, dir)) {
    if (has_up && files.has(join_path(dir, folder + "/down.sql"))) return true;
  }
  return false;
}

LayoutScan scan_diesel(const Snapshot& files, const std::string& dir) {
  LayoutScan out;
  for (const auto& [folder, has_up] : folders(files, dir)) {
    std::string up = join_path(dir, folder + "/up.sql");
    std::string down = join_path(dir, folder + "/down.sql");
    if (!has_up) {
      out.orphan_rollbacks.push_back(down);
      continue;
    }
    std::smatch m;
    std::regex_match(folder, m, kFolder);
    Migration mig;
    mig.id = folder;
    mig.version = m[1];
    mig.name = m[2];
    mig.layout = "diesel";
    mig.scope = dir;
    mig.expects_rollback = true;
    std::string metadata = join_path(dir, folder + "/metadata.toml");
    TransactionMode mode =
        files.has(metadata) && std::regex_search(files.read(metadata), kNoTransaction)
            ? TransactionMode::kStatementByStatement
            : TransactionMode::kWrappedByTool;
    mig.up = make_script(up, files.read(up), mode);
    if (files.has(down)) mig.down = make_script(down, files.read(down), mode);
    out.migrations.push_back(std::move(mig));
  }
  // diesel orders by version as a string; the std::map already holds the folders that way, and
  // a version is the folder name's prefix, so this is the same order.
  return out;
}

std::string expected_rollback_diesel(const Migration& m) { return up_dir(m) + "down.sql"; }

// The tracking table, for `status` and `gate`.
// diesel's __diesel_schema_migrations: one row per applied version (its name is fixed).
namespace {

std::string diesel_key(const Migration& m) {
  std::string version;
  for (char c : m.version) {
    if (c != '-') version += c;  // diesel records the version without its dashes
  }
  return version;
}

std::optional<DbError> read_diesel(Queryable& session, const std::string& table,
                                   std::vector<AppliedRow>& out) {
  std::vector<Row> rows;
  auto error =
      session.query("SELECT version, run_on::text FROM " + table + " ORDER BY version", rows);
  if (error) return error;
  for (const auto& row : rows) {
    AppliedRow r;
    r.key = row[0].value_or("");
    r.label = r.key;
    r.applied_at = row[1].value_or("");
    out.push_back(std::move(r));
  }
  return std::nullopt;
}

}  // namespace

extern const TrackingReader tracking_diesel;
const TrackingReader tracking_diesel = {
    "diesel",    "__diesel_schema_migrations", false, ChecksumKind::kNone, false,
    &diesel_key, &read_diesel, "track", "",
    // As diesel creates it before the first migration (diesel_migrations' setup).
    "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version varchar(50) PRIMARY KEY "
    "NOT NULL, run_on timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)",
};

}  // namespace sg
