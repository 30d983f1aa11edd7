// golang-migrate: `N_name.up.sql` / `N_name.down.sql`. The postgres driver sends each file in
// one Exec, so PostgreSQL runs a multi-statement file as one implicit transaction.
#include <algorithm>
#include <map>
#include <regex>

#include "layouts/layout.h"

namespace sg {
namespace {

// golang-migrate's own pattern: ^([0-9]+)_(.*)\.(down|up)\.(.*)$
const std::regex kFile(R"(^([0-9]+)_(.*)\.(up|down)\.sql$)");

}  // namespace

bool claims_golang_migrate(const Snapshot& files, const std::string& dir) {
  for (const auto& name : files.files_in(dir)) {
    if (std::regex_match(name, kFile)) return true;
  }
  return false;
}

LayoutScan scan_golang_migrate(const Snapshot& files, const std::string& dir) {
  LayoutScan out;
  std::map<std::string, Migration> by_version;
  std::map<std::string, std::string> downs;  // version -> path
  for (const auto& name : files.files_in(dir)) {
    if (!ends_with(name, ".sql")) continue;
    std::smatch m;
    std::string path = join_path(dir, name);
    if (!std::regex_match(name, m, kFile)) {
      out.unrecognized_files.push_back(path);
      continue;
    }
    if (m[3] == "down") {
      downs[m[1]] = path;
      continue;
    }
    Migration mig;
    mig.version = m[1];
    mig.name = m[2];
    mig.id = std::string(m[1]) + "_" + std::string(m[2]);
    mig.layout = "golang-migrate";
    mig.scope = dir;
    mig.up = make_script(path, files.read(path), TransactionMode::kWholeFileImplicit);
    if (by_version.count(mig.version) > 0) {
      // Two ups with one version: keep both so duplicate-migration-version names them.
      out.migrations.push_back(std::move(mig));
      continue;
    }
    by_version.emplace(mig.version, std::move(mig));
  }
  for (auto& [version, mig] : by_version) out.migrations.push_back(std::move(mig));
  for (auto& mig : out.migrations) {
    auto it = downs.find(mig.version);
    if (it == downs.end() || mig.down) continue;
    mig.down = make_script(it->second, files.read(it->second), TransactionMode::kWholeFileImplicit);
  }
  for (const auto& [version, path] : downs) {
    bool paired = false;
    for (const auto& mig : out.migrations) paired = paired || mig.version == version;
    if (!paired) out.orphan_rollbacks.push_back(path);
  }
  std::stable_sort(
      out.migrations.begin(), out.migrations.end(),
      [](const Migration& a, const Migration& b) { return version_less(a.version, b.version); });
  return out;
}

std::string expected_rollback_golang_migrate(const Migration& m) {
  return up_dir(m) + m.id + ".down.sql";
}

// The tracking table, for `status` and `gate`.
// golang-migrate's schema_migrations (or x-migrations-table): a single row holding the last
// version it applied and whether that migration stopped half way (dirty).
namespace {

std::optional<DbError> read_golang_migrate(Queryable& session, const std::string& table,
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

extern const TrackingReader tracking_golang_migrate;
// golang-migrate's postgres driver (ensureVersionTable) creates its table before it runs a
// migration.
const TrackingReader tracking_golang_migrate = {
    "golang-migrate",
    "schema_migrations",
    true,
    ChecksumKind::kNone,
    true,
    &version_key,
    &read_golang_migrate,
    "track",
    "",
    "CREATE TABLE IF NOT EXISTS schema_migrations "
    "(version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
};

}  // namespace sg
