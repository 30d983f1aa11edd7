// Sequelize (sequelize-cli): `migrations/<timestamp>-<name>.js` modules exporting
// `up(queryInterface, Sequelize)` and `down(...)`, run in file-name order by `sequelize-cli
// db:migrate`, each call its own query: no transaction unless the migration opens one, and then
// only for the calls passed `{ transaction }`. The SQL exists only when the JavaScript runs, so
// the scripts are marked for the Node runner (pipeline/capture.h), which replaces their text
// with the SQL they sent. Applied migrations are rows of `SequelizeMeta` (name = file name).
#include <algorithm>
#include <regex>

#include "layouts/layout.h"
#include "layouts/sequelize_config.h"

namespace sg {
namespace {

// sequelize-cli loads every .js / .cjs file of the folder (and .mjs where Node imports it), in
// name order; TypeScript and declaration files are helpers unless ts-node is set up.
bool runs_as_migration(const std::string& name) {
  return ends_with(name, ".js") || ends_with(name, ".cjs") || ends_with(name, ".mjs");
}

const std::regex kName(R"(^(\d+)[-_](.+)\.(c|m)?js$)");
const std::regex kUp(R"(\bup\s*(:|\(|=))");
const std::regex kDown(R"(\bdown\s*(:|\(|=))");

bool migration_shaped(const std::string& text) {
  return std::regex_search(text, kUp) && std::regex_search(text, kDown);
}

// The line where `direction`'s function is defined, for findings about the whole script.
int line_of(const std::string& text, const std::regex& direction) {
  std::smatch m;
  if (!std::regex_search(text, m, direction)) return 1;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + m.position(0), '\n'));
}

// A package.json in `dir` or above it that depends on sequelize.
bool sequelize_project(const Snapshot& files, std::string dir) {
  static const std::regex kDependency(R"re("(sequelize|sequelize-cli|sequelize-typescript)"\s*:)re");
  while (true) {
    std::string manifest = join_path(dir, "package.json");
    if (files.has(manifest) && std::regex_search(files.read(manifest), kDependency)) return true;
    if (dir.empty()) return false;
    dir = parent_dir(dir);
  }
}

bool named_by_sequelizerc(const Snapshot& files, const std::string& dir) {
  for (const auto& [path, blob] : files.blobs()) {
    if (path != ".sequelizerc" && !ends_with(path, "/.sequelizerc")) continue;
    if (sequelizerc_path(path, files.read(path), "migrations-path") == dir) return true;
  }
  return false;
}

}  // namespace

bool claims_sequelize(const Snapshot& files, const std::string& dir) {
  bool shaped = false;
  for (const auto& name : files.files_in(dir)) {
    if (runs_as_migration(name) && migration_shaped(files.read(join_path(dir, name)))) {
      shaped = true;
      break;
    }
  }
  if (!shaped) return false;
  return named_by_sequelizerc(files, dir) || sequelize_project(files, dir);
}

LayoutScan scan_sequelize(const Snapshot& files, const std::string& dir) {
  LayoutScan out;
  for (const auto& name : files.files_in(dir)) {  // sorted: sequelize-cli's order
    if (!runs_as_migration(name)) continue;
    std::string path = join_path(dir, name);
    std::string text = files.read(path);
    Migration mig;
    mig.id = name.substr(0, name.rfind('.'));
    std::smatch m;
    if (std::regex_match(name, m, kName)) {
      mig.version = m[1];
      mig.name = m[2];
    } else {
      mig.version = mig.id;
      mig.name = mig.id;
      mig.naming_problem = "sequelize-cli runs every .js file of " + (dir.empty() ? "." : dir) +
                           " in name order; name a migration <YYYYMMDDHHMMSS>-<name>.js";
    }
    mig.layout = "sequelize";
    mig.scope = dir;
    mig.expected_rollback = "the down() of " + path;
    mig.up = make_script(path, text, TransactionMode::kStatementByStatement, line_of(text, kUp));
    mig.up->runner = "sequelize";
    mig.down = mig.up;
    mig.down->line = line_of(text, kDown);
    out.migrations.push_back(std::move(mig));
  }
  return out;
}

std::string expected_rollback_sequelize(const Migration& m) {
  return "the down() of " + (m.up ? m.up->path : m.id);
}

// SequelizeMeta: one row per applied migration, its file name.
namespace {

std::string sequelize_key(const Migration& m) {
  const std::string& path = m.up ? m.up->path : m.id;
  return path.substr(path.rfind('/') + 1);
}

std::optional<DbError> read_sequelize(Queryable& session, const std::string& table,
                                      std::vector<AppliedRow>& out) {
  std::vector<Row> rows;
  auto error = session.query("SELECT name FROM " + table + " ORDER BY name", rows);
  if (error) return error;
  for (const auto& row : rows) {
    AppliedRow r;
    r.key = row[0].value_or("");
    r.label = r.key;
    out.push_back(std::move(r));  // SequelizeMeta records no time
  }
  return std::nullopt;
}

}  // namespace

extern const TrackingReader tracking_sequelize;
const TrackingReader tracking_sequelize = {
    "sequelize",    "SequelizeMeta", true, ChecksumKind::kNone, false,
    &sequelize_key, &read_sequelize, "track", "",
    // As Sequelize's SequelizeStorage creates it before the first migration.
    "CREATE TABLE IF NOT EXISTS \"SequelizeMeta\" (\"name\" VARCHAR(255) NOT NULL UNIQUE, "
    "PRIMARY KEY (\"name\"))",
    &sequelize_configured_table,
};

}  // namespace sg
