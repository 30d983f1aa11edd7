// sqitch: `sqitch.plan` lists changes in deploy order; each change has `deploy/<name>.sql`,
// `revert/<name>.sql` and `verify/<name>.sql`. A reworked change (its name again later in the
// plan) keeps its earlier scripts as `<name>@<tag>.sql`, the first tag after the earlier entry.
// sqitch runs each script with `psql -f`, so the script's own BEGIN/COMMIT decide transactions.
// A change is one migration; its version is its position in the plan.
#include <set>

#include "layouts/layout.h"

namespace sg {
namespace {

struct PlanChange {
  std::string name;
  int line = 0;
  std::string file_stem;  // name, or name@tag for a reworked change's earlier entry
};

std::vector<PlanChange> read_plan(const std::string& text) {
  std::vector<PlanChange> changes;
  std::vector<size_t> untagged;  // changes since the last tag
  auto lines = split_lines(text, nullptr);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos || line[start] == '%' || line[start] == '#') continue;
    line.remove_prefix(start);
    size_t end = line.find_first_of(" \t[");
    std::string name(line.substr(0, end));
    if (name.empty()) continue;
    if (name[0] == '@') {
      for (size_t idx : untagged) changes[idx].file_stem = changes[idx].name + name;
      untagged.clear();
      continue;
    }
    if (name[0] == '+' || name[0] == '-') name.erase(0, 1);
    untagged.push_back(changes.size());
    changes.push_back({name, static_cast<int>(i) + 1, ""});
  }
  // Only an entry whose name comes again later lives in an @tag file.
  std::set<std::string> seen_later;
  for (size_t i = changes.size(); i-- > 0;) {
    bool reworked = seen_later.count(changes[i].name) > 0 && !changes[i].file_stem.empty();
    if (!reworked) changes[i].file_stem = changes[i].name;
    seen_later.insert(changes[i].name);
  }
  return changes;
}

}  // namespace

bool claims_sqitch(const Snapshot& files, const std::string& dir) {
  return files.has(join_path(dir, "sqitch.plan"));
}

LayoutScan scan_sqitch(const Snapshot& files, const std::string& dir) {
  LayoutScan out;
  std::string plan_path = join_path(dir, "sqitch.plan");
  std::set<std::string> planned;
  int index = 0;
  for (const auto& change : read_plan(files.read(plan_path))) {
    std::string deploy = join_path(dir, "deploy/" + change.file_stem + ".sql");
    std::string revert = join_path(dir, "revert/" + change.file_stem + ".sql");
    planned.insert(change.file_stem + ".sql");
    Migration mig;
    mig.id = change.file_stem;
    mig.version = std::to_string(++index);
    mig.name = change.name;
    mig.layout = "sqitch";
    mig.scope = dir;
    if (!files.has(deploy)) {
      mig.naming_problem = plan_path + " line " + std::to_string(change.line) + " plans '" +
                           change.name + "' but " + deploy + " does not exist";
      mig.up = make_script(deploy, "", TransactionMode::kStatementByStatement);
    } else {
      mig.up = make_script(deploy, files.read(deploy), TransactionMode::kStatementByStatement);
    }
    if (files.has(revert)) {
      mig.down = make_script(revert, files.read(revert), TransactionMode::kStatementByStatement);
    }
    out.migrations.push_back(std::move(mig));
  }
  for (const auto& name : files.files_in(join_path(dir, "deploy"))) {
    if (ends_with(name, ".sql") && planned.count(name) == 0) {
      out.unrecognized_files.push_back(join_path(dir, "deploy/" + name));
    }
  }
  for (const auto& name : files.files_in(join_path(dir, "revert"))) {
    if (ends_with(name, ".sql") && planned.count(name) == 0) {
      out.orphan_rollbacks.push_back(join_path(dir, "revert/" + name));
    }
  }
  return out;
}

std::string expected_rollback_sqitch(const Migration& m) {
  const std::string& up = m.up->path;
  return up.substr(0, up.rfind("/deploy/") + 1) + "revert/" + m.id + ".sql";
}

// The tracking table, for `status` and `gate`.
// sqitch's registry table sqitch.changes (the registry schema is configurable): one row per
// deployed change, by name; a revert deletes the row.
namespace {

std::string sqitch_key(const Migration& m) { return m.name; }

std::optional<DbError> read_sqitch(Queryable& session, const std::string& table,
                                   std::vector<AppliedRow>& out) {
  std::vector<Row> rows;
  auto error = session.query(
      "SELECT change, project, committed_at::text FROM " + table + " ORDER BY committed_at",
      rows);
  if (error) return error;
  for (const auto& row : rows) {
    AppliedRow r;
    r.key = row[0].value_or("");
    r.label = r.key;
    r.applied_at = row[2].value_or("");
    out.push_back(std::move(r));
  }
  return std::nullopt;
}

}  // namespace

extern const TrackingReader tracking_sqitch;
const TrackingReader tracking_sqitch = {
    "sqitch",    "sqitch.changes", true, ChecksumKind::kNone, false,
    &sqitch_key, &read_sqitch, "project", "sqitch.*",
};

}  // namespace sg
