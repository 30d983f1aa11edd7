// plain (seeds 000/001): `NNN_description.sql`, rolled back by `rollback/NNN_rollback.sql` or
// `NNN_description_rollback.sql` beside it; applied with `psql -f`, statement by statement.
#include <algorithm>
#include <map>
#include <regex>

#include "layouts/layout.h"

namespace sg {
namespace {

const std::regex kNumbered(R"(^(\d+)[_-]?(.*)\.sql$)", std::regex::icase);
const std::regex kConvention(R"(^\d{3,}_[a-z0-9]+(_[a-z0-9]+)*\.sql$)");

bool is_rollback_name(const std::string& name) {
  return ends_with(name, "_rollback.sql") || ends_with(name, "-rollback.sql");
}

}  // namespace

bool claims_plain(const Snapshot& files, const std::string& dir) {
  for (const auto& name : files.files_in(dir)) {
    if (std::regex_match(name, kNumbered)) return true;
  }
  return false;
}

LayoutScan scan_plain(const Snapshot& files, const std::string& dir) {
  LayoutScan out;
  std::map<std::string, std::string> downs;  // version -> path
  std::map<std::string, std::string> down_versions_seen;
  auto add_down = [&](const std::string& version, const std::string& path) {
    if (downs.count(version) > 0) {
      out.orphan_rollbacks.push_back(path);  // a second rollback for the same version
    } else {
      downs[version] = path;
    }
  };
  for (const auto& name : files.files_in(join_path(dir, "rollback"))) {
    std::smatch m;
    if (std::regex_match(name, m, kNumbered)) {
      add_down(m[1], join_path(dir, "rollback/" + name));
    } else if (ends_with(name, ".sql")) {
      out.unrecognized_files.push_back(join_path(dir, "rollback/" + name));
    }
  }
  for (const auto& name : files.files_in(dir)) {
    std::smatch m;
    if (!ends_with(name, ".sql")) continue;
    if (!std::regex_match(name, m, kNumbered)) {
      out.unrecognized_files.push_back(join_path(dir, name));
      continue;
    }
    if (is_rollback_name(name)) {
      add_down(m[1], join_path(dir, name));
      continue;
    }
    Migration mig;
    mig.version = m[1];
    mig.name = m[2];
    mig.id = name.substr(0, name.size() - 4);
    mig.layout = "plain";
    mig.scope = dir;
    std::string path = join_path(dir, name);
    mig.up = make_script(path, files.read(path), TransactionMode::kStatementByStatement);
    if (!std::regex_match(name, kConvention)) {
      mig.naming_problem =
          "seed 000 names migrations NNN_description.sql: a number of at "
          "least three digits, then a lower-case description with underscores";
    }
    out.migrations.push_back(std::move(mig));
  }
  for (auto& mig : out.migrations) {
    auto it = downs.find(mig.version);
    if (it == downs.end()) continue;
    mig.down =
        make_script(it->second, files.read(it->second), TransactionMode::kStatementByStatement);
    down_versions_seen[mig.version] = it->second;
  }
  for (const auto& [version, path] : downs) {
    if (down_versions_seen.count(version) == 0) out.orphan_rollbacks.push_back(path);
  }
  std::stable_sort(
      out.migrations.begin(), out.migrations.end(),
      [](const Migration& a, const Migration& b) { return version_less(a.version, b.version); });
  return out;
}

std::string expected_rollback_plain(const Migration& m) {
  return up_dir(m) + "rollback/" + m.version + "_rollback.sql";
}

// The tracking table, for `status` and `gate`.
// Seed 000's own record: each migration ends with
// INSERT INTO schema_metadata (version, description, applied_at) VALUES ('XXX', '...', now()).
namespace {

std::optional<DbError> read_plain(Queryable& session, const std::string& table,
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

extern const TrackingReader tracking_plain;
const TrackingReader tracking_plain = {
    "plain", "schema_metadata", true, ChecksumKind::kNone, false, &version_key, &read_plain,
};

}  // namespace sg
