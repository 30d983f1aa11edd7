// Liquibase formatted SQL: a file starting `--liquibase formatted sql` holds changesets, each
// `--changeset author:id [attributes]` up to the next one, with `--rollback <sql>` lines. A
// changeset is one migration (id `<file>::author:id`, version `author:id`, scope the file),
// run in a transaction unless `runInTransaction:false`. Files run in path order.
#include <cctype>
#include <regex>

#include "layouts/layout.h"

namespace sg {
namespace {

const std::regex kHeader(R"(^\s*--\s*liquibase\s+formatted\s+sql)", std::regex::icase);
const std::regex kChangeset(R"(^--\s*changeset\s+([^:\s]+):(\S+)(.*)$)", std::regex::icase);
const std::regex kRollback(R"(^--\s*rollback\b\s?)", std::regex::icase);
const std::regex kNoTransaction(R"(\brunInTransaction:false\b)", std::regex::icase);
using SvMatch = std::match_results<std::string_view::const_iterator>;

bool is_formatted_sql(const std::string& text) { return std::regex_search(text, kHeader); }

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r;");
  return b == std::string_view::npos || e < b ? "" : std::string(s.substr(b, e - b + 1));
}

void scan_file(const std::string& path, const std::string& text, LayoutScan& out) {
  std::vector<size_t> offsets;
  auto lines = split_lines(text, &offsets);
  std::string file_name = path.substr(path.rfind('/') + 1);
  for (size_t i = 0; i < lines.size(); ++i) {
    SvMatch m;
    if (!std::regex_match(lines[i].begin(), lines[i].end(), m, kChangeset)) continue;
    size_t end = i + 1;
    while (end < lines.size() &&
           !std::regex_match(lines[end].begin(), lines[end].end(), kChangeset)) {
      ++end;
    }
    std::vector<bool> up_lines(lines.size(), false);
    std::vector<std::string> down_lines(lines.size());
    bool has_rollback = false;
    std::string rollback_text;
    for (size_t k = i + 1; k < end; ++k) {
      SvMatch r;
      if (!std::regex_search(lines[k].begin(), lines[k].end(), r, kRollback,
                             std::regex_constants::match_continuous)) {
        up_lines[k] = true;
        continue;
      }
      // The rollback SQL keeps its column: only the `--rollback ` prefix becomes spaces.
      size_t sql_at = static_cast<size_t>(r.length(0));
      down_lines[k] = std::string(sql_at, ' ') + std::string(lines[k].substr(sql_at));
      rollback_text += trim(lines[k].substr(sql_at)) + " ";
      has_rollback = true;
    }
    std::string down;
    for (size_t k = 0; k < lines.size(); ++k) {
      down += down_lines[k];
      size_t next = k + 1 < offsets.size() ? offsets[k + 1] : text.size();
      if (next > 0 && text[next - 1] == '\n') down += '\n';
    }
    std::string author = m[1].str();
    std::string id = m[2].str();
    Migration mig;
    mig.version = author + ":" + id;
    mig.id = file_name + "::" + mig.version;
    mig.name = id;
    mig.layout = "liquibase";
    mig.scope = path;
    TransactionMode mode = std::regex_search(m[3].str(), kNoTransaction)
                               ? TransactionMode::kStatementByStatement
                               : TransactionMode::kWrappedByTool;
    int line = static_cast<int>(i) + 1;
    mig.up = make_script(path, keep_lines(text, up_lines), mode, line);
    std::string waived = trim(rollback_text);
    for (char& c : waived) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (waived == "not required" || waived == "empty") {
      mig.rollback_waived = true;
    } else if (has_rollback) {
      mig.down = make_script(path, std::move(down), mode, line);
    }
    out.migrations.push_back(std::move(mig));
    i = end - 1;
  }
}

}  // namespace

bool claims_liquibase(const Snapshot& files, const std::string& dir) {
  for (const auto& name : files.files_in(dir)) {
    if (ends_with(name, ".sql") && is_formatted_sql(files.read(join_path(dir, name)))) return true;
  }
  return false;
}

LayoutScan scan_liquibase(const Snapshot& files, const std::string& dir) {
  LayoutScan out;
  for (const auto& name : files.files_in(dir)) {
    if (!ends_with(name, ".sql")) continue;
    std::string path = join_path(dir, name);
    std::string text = files.read(path);
    // Other SQL files are usually included by a master changelog (sqlFile): not ours to judge.
    if (is_formatted_sql(text)) scan_file(path, text, out);
  }
  return out;
}

std::string expected_rollback_liquibase(const Migration& m) {
  return "`--rollback` lines in changeset " + m.version;
}

// The tracking table, for `status` and `gate`.
// Liquibase's databasechangelog (or databaseChangeLogTableName): one row per changeset, known
// by author and id. Its md5sum is Liquibase's own versioned checksum, which schemagate does not
// recompute.
namespace {

std::optional<DbError> read_liquibase(Queryable& session, const std::string& table,
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

extern const TrackingReader tracking_liquibase;
const TrackingReader tracking_liquibase = {
    "liquibase",    "databasechangelog", true, ChecksumKind::kNone, false,
    &liquibase_key, &read_liquibase,
};

}  // namespace sg
