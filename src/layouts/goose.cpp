// goose: `<version>_<name>.sql` with `-- +goose Up` / `-- +goose Down` sections, each run in a
// transaction unless the file says `-- +goose NO TRANSACTION`. `-- +goose StatementBegin` /
// `StatementEnd` mark one statement that holds semicolons (a function body).
#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "layouts/layout.h"
#include "layouts/sections.h"

namespace sg {
namespace {

const std::regex kFile(R"(^(\d+)_(.*)\.sql$)");
const std::regex kMarker(R"(^--\s*\+goose\s+(up|down)\s*$)", std::regex::icase);
const std::regex kNoTransaction(R"((^|\n)--\s*\+goose\s+NO\s+TRANSACTION\s*(\r?\n|$))",
                                std::regex::icase);
const std::regex kBegin(R"(^--\s*\+goose\s+StatementBegin\s*$)", std::regex::icase);
const std::regex kEnd(R"(^--\s*\+goose\s+StatementEnd\s*$)", std::regex::icase);

std::optional<std::string> classify(std::string_view line) {
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(line.begin(), line.end(), m, kMarker)) return std::nullopt;
  std::string kind = m[1].str();
  for (char& c : kind) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return kind;
}

// Byte spans of `text` between StatementBegin and StatementEnd lines.
std::vector<std::pair<size_t, size_t>> statement_spans(const std::string& text) {
  std::vector<std::pair<size_t, size_t>> spans;
  std::vector<size_t> offsets;
  auto lines = split_lines(text, &offsets);
  bool open = false;
  size_t begin = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (std::regex_match(lines[i].begin(), lines[i].end(), kBegin)) {
      open = true;
      begin = i + 1 < offsets.size() ? offsets[i + 1] : text.size();
    } else if (open && std::regex_match(lines[i].begin(), lines[i].end(), kEnd)) {
      spans.emplace_back(begin, offsets[i]);
      open = false;
    }
  }
  return spans;
}

bool has_marker(const std::string& text) {
  for (auto line : split_lines(text, nullptr)) {
    if (classify(line)) return true;
  }
  return false;
}

}  // namespace

bool claims_goose(const Snapshot& files, const std::string& dir) {
  return any_sql_file_has(files, dir, has_marker);
}

LayoutScan scan_goose(const Snapshot& files, const std::string& dir) {
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
    TransactionMode mode = std::regex_search(text, kNoTransaction)
                               ? TransactionMode::kStatementByStatement
                               : TransactionMode::kWrappedByTool;
    SplitFile split = split_sections(text, classify);
    Migration mig;
    mig.version = m[1];
    mig.name = m[2];
    mig.id = name.substr(0, name.size() - 4);
    mig.layout = "goose";
    mig.scope = dir;
    if (split.up.marker_line == 0) {
      mig.naming_problem = "goose needs a `-- +goose Up` line; without it goose refuses the file";
    }
    mig.up = make_script(path, keep_lines(text, split.up.lines), mode,
                         std::max(split.up.marker_line, 1));
    mig.up->statement_spans = statement_spans(mig.up->text);
    std::string down = keep_lines(text, split.down.lines);
    if (split.down.marker_line > 0 && has_sql(down)) {
      mig.down = make_script(path, std::move(down), mode, split.down.marker_line);
      mig.down->statement_spans = statement_spans(mig.down->text);
    }
    out.migrations.push_back(std::move(mig));
  }
  std::stable_sort(
      out.migrations.begin(), out.migrations.end(),
      [](const Migration& a, const Migration& b) { return version_less(a.version, b.version); });
  return out;
}

std::string expected_rollback_goose(const Migration& m) {
  return "a `-- +goose Down` section with SQL in " + m.up->path;
}

// The tracking table, for `status` and `gate`.
// goose's goose_db_version (or -table): an append-only log. `goose down` adds a row with
// is_applied = false instead of deleting one, so the latest row of each version wins; version 0
// is the row goose writes when it creates the table.
namespace {

std::optional<DbError> read_goose(Queryable& session, const std::string& table,
                                  std::vector<AppliedRow>& out) {
  std::vector<Row> rows;
  auto error = session.query(
      "SELECT version_id::text, is_applied, tstamp::text FROM " + table + " ORDER BY id", rows);
  if (error) return error;
  std::map<std::string, size_t> latest;  // key -> index in out
  for (const auto& row : rows) {
    AppliedRow r;
    r.label = row[0].value_or("");
    r.key = canonical_version(r.label);
    if (r.key == "0") continue;
    r.applied_at = row[2].value_or("");
    if (row[1].value_or("t") != "t") {
      r.state = RowState::kRolledBack;
      r.why = "rolled back at " + r.applied_at;
    }
    auto it = latest.find(r.key);
    if (it == latest.end()) {
      latest.emplace(r.key, out.size());
      out.push_back(std::move(r));
    } else {
      out[it->second] = std::move(r);
    }
  }
  return std::nullopt;
}

}  // namespace

extern const TrackingReader tracking_goose;
const TrackingReader tracking_goose = {
    "goose", "goose_db_version", true, ChecksumKind::kNone, false, &version_key, &read_goose,
};

}  // namespace sg
