// dbmate: `<version>_<name>.sql` with `-- migrate:up` and `-- migrate:down` sections. dbmate
// wraps each section in a transaction unless its marker says `transaction:false`.
#include <algorithm>
#include <regex>

#include "layouts/layout.h"
#include "layouts/sections.h"

namespace sg {
namespace {

const std::regex kFile(R"(^(\d+)_(.*)\.sql$)");
const std::regex kMarker(R"(^--\s*migrate:(up|down)\b.*$)");

std::optional<std::string> classify(std::string_view line) {
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(line.begin(), line.end(), m, kMarker)) return std::nullopt;
  return m[1].str();
}

bool has_marker(const std::string& text) {
  for (auto line : split_lines(text, nullptr)) {
    if (classify(line)) return true;
  }
  return false;
}

TransactionMode mode_of(const Section& s) {
  return s.marker.find("transaction:false") != std::string::npos
             ? TransactionMode::kStatementByStatement
             : TransactionMode::kWrappedByTool;
}

}  // namespace

bool claims_dbmate(const Snapshot& files, const std::string& dir) {
  return any_sql_file_has(files, dir, has_marker);
}

LayoutScan scan_dbmate(const Snapshot& files, const std::string& dir) {
  LayoutScan out;
  for (const auto& name : files.files_in(dir)) {
    if (!ends_with(name, ".sql")) continue;
    std::string path = join_path(dir, name);
    std::smatch m;
    if (!std::regex_match(name, m, kFile)) {
      out.unrecognized_files.push_back(path);
      continue;
    }
    std::string text = files.read(path);
    SplitFile split = split_sections(text, classify);
    Migration mig;
    mig.version = m[1];
    mig.name = m[2];
    mig.id = name.substr(0, name.size() - 4);
    mig.layout = "dbmate";
    mig.scope = dir;
    if (split.up.marker_line == 0) {
      mig.naming_problem = "dbmate needs a `-- migrate:up` line; without it dbmate runs nothing";
    }
    mig.up = make_script(path, keep_lines(text, split.up.lines), mode_of(split.up),
                         std::max(split.up.marker_line, 1));
    std::string down = keep_lines(text, split.down.lines);
    // dbmate's template leaves `-- migrate:down` empty: that is no rollback at all.
    if (split.down.marker_line > 0 && has_sql(down)) {
      mig.down = make_script(path, std::move(down), mode_of(split.down), split.down.marker_line);
    }
    out.migrations.push_back(std::move(mig));
  }
  std::stable_sort(
      out.migrations.begin(), out.migrations.end(),
      [](const Migration& a, const Migration& b) { return version_less(a.version, b.version); });
  return out;
}

std::string expected_rollback_dbmate(const Migration& m) {
  return "a `-- migrate:down` section with SQL in " + m.up->path;
}

// The tracking table, for `status` and `gate`.
// dbmate's schema_migrations (or --migrations-table): the versions applied, as text.
namespace {

std::optional<DbError> read_dbmate(Queryable& session, const std::string& table,
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

extern const TrackingReader tracking_dbmate;
const TrackingReader tracking_dbmate = {
    "dbmate", "schema_migrations", true, ChecksumKind::kNone, false, &version_key, &read_dbmate,
};

}  // namespace sg
