#include "layouts/discover.h"

#include <algorithm>
#include <map>
#include <set>

#include "layouts/dialect.h"

namespace sg {
namespace {

struct Root {
  std::string dir;
  const Layout* layout = nullptr;
};

// A root at the repository's top owns only its direct subfolders (rollback/, deploy/, ...).
bool owned_by(const std::string& dir, const Root& root) {
  if (root.dir.empty()) return !dir.empty() && dir.find('/') == std::string::npos;
  return dir.compare(0, root.dir.size() + 1, root.dir + "/") == 0;
}

// `skipped`: folders detection would take that hold another database's SQL, with why.
std::vector<Root> find_roots(const Snapshot& head, const DiscoverOptions& options,
                             std::vector<SkippedDirectory>& skipped) {
  const Layout* forced = options.layout == "auto" ? nullptr : find_layout(options.layout);
  auto detect = [&](const std::string& dir) -> const Layout* {
    if (forced != nullptr) return forced->claims(head, dir) ? forced : nullptr;
    for (const auto& layout : all_layouts()) {
      if (layout.claims(head, dir)) return &layout;
    }
    return nullptr;
  };
  std::vector<Root> roots;
  if (!options.dirs.empty()) {
    for (const auto& dir : options.dirs) {
      // A layout named on the command line is trusted even where detection would not see it.
      const Layout* layout = forced != nullptr ? forced : detect(dir);
      if (layout != nullptr) roots.push_back({dir, layout});
    }
    return roots;
  }
  std::set<std::string> candidates;
  for (const auto& [path, blob] : head.blobs()) {
    std::string dir = parent_dir(path);
    candidates.insert(dir);
    if (!dir.empty()) candidates.insert(parent_dir(dir));  // Prisma folders, plain rollback/
  }
  for (const auto& dir : candidates) {
    if (skipped_by_auto_detect(dir)) continue;
    bool nested = false;
    for (const auto& root : roots) nested = nested || owned_by(dir, root);
    for (const auto& other : skipped) nested = nested || owned_by(dir, Root{other.dir, nullptr});
    if (nested) continue;
    const Layout* layout = detect(dir);
    if (layout == nullptr) continue;
    std::string why = other_dialect(head, dir);
    if (why.empty()) {
      roots.push_back({dir, layout});
    } else {
      skipped.push_back({dir, why, 0});
    }
  }
  return roots;
}

std::string key_of(const Migration& m) { return (m.up ? m.up->path : "") + "#" + m.id; }

void classify(MigrationSet& set, std::vector<Migration> base_migrations,
              const std::vector<FileChange>& changes) {
  std::map<std::string, std::string> renamed_from;  // head path -> base path
  for (const auto& c : changes) {
    if (c.kind == FileChange::Kind::kRenamed) renamed_from[c.new_path] = c.old_path;
  }
  std::map<std::string, size_t> by_key;
  std::multimap<std::string, size_t> by_path;
  for (size_t i = 0; i < base_migrations.size(); ++i) {
    by_key[key_of(base_migrations[i])] = i;
    if (base_migrations[i].up) by_path.emplace(base_migrations[i].up->path, i);
  }
  std::vector<bool> matched(base_migrations.size(), false);
  for (auto& m : set.migrations) {
    std::optional<size_t> base;
    auto key = by_key.find(key_of(m));
    if (key != by_key.end() && !matched[key->second]) {
      base = key->second;
      m.change = ChangeKind::kModified;  // until the blobs say otherwise
    } else if (auto from = renamed_from.find(m.up->path); from != renamed_from.end()) {
      auto range = by_path.equal_range(from->second);
      for (auto it = range.first; it != range.second && !base; ++it) {
        if (!matched[it->second]) base = it->second;
      }
      if (base) {
        m.change = ChangeKind::kRenamed;
        m.previous_path = from->second;
      }
    }
    if (!base) {
      m.change = ChangeKind::kAdded;
      continue;
    }
    matched[*base] = true;
    m.base_up_blob_id = base_migrations[*base].up_blob_id;
    m.base_down_blob_id = base_migrations[*base].down_blob_id;
    if (m.change == ChangeKind::kModified && m.up_blob_id == m.base_up_blob_id &&
        m.down_blob_id == m.base_down_blob_id) {
      m.change = ChangeKind::kUnchanged;
    }
  }
  for (size_t i = 0; i < base_migrations.size(); ++i) {
    if (matched[i]) continue;
    Migration gone = std::move(base_migrations[i]);
    gone.change = ChangeKind::kDeleted;
    gone.base_up_blob_id = gone.up_blob_id;
    gone.base_down_blob_id = gone.down_blob_id;
    set.migrations.push_back(std::move(gone));
  }
}

void set_blob_ids(std::vector<Migration>& migrations) {
  for (auto& m : migrations) {
    if (m.up) m.up_blob_id = git_blob_id(m.up->text);
    if (m.down) m.down_blob_id = git_blob_id(m.down->text);
  }
}

std::map<std::string, std::string> to_map(const std::vector<TreeFile>& files) {
  std::map<std::string, std::string> out;
  for (const auto& f : files) out[f.path] = f.blob_id;
  return out;
}

}  // namespace

std::vector<std::string> unclaimed_sql_changes(MigrationSet& set,
                                               const std::vector<FileChange>& changes) {
  std::set<std::string> claimed(set.orphan_rollbacks.begin(), set.orphan_rollbacks.end());
  claimed.insert(set.unrecognized_files.begin(), set.unrecognized_files.end());
  for (const auto& m : set.migrations) {
    if (m.up) claimed.insert(m.up->path);
    if (m.down) claimed.insert(m.down->path);
  }
  std::vector<std::string> out;
  for (const auto& change : changes) {
    const std::string& path = change.new_path;
    if (change.kind == FileChange::Kind::kDeleted || !ends_with(path, ".sql")) continue;
    // Dependencies and test data are no one's history.
    std::string dir = parent_dir(path);
    if (claimed.count(path) > 0 || skipped_by_auto_detect(dir)) continue;
    // Another database's migrations: the note on the skipped folder counts them.
    auto other = std::find_if(set.skipped_directories.begin(), set.skipped_directories.end(),
                              [&dir](const SkippedDirectory& s) {
                                return dir == s.dir || owned_by(dir, Root{s.dir, nullptr});
                              });
    if (other != set.skipped_directories.end()) {
      ++other->changed_files;
      continue;
    }
    // A file of a multi-file migration (sqitch's verify/, Liquibase's included files) is its
    // directory's.
    bool in_scanned = std::any_of(set.directories.begin(), set.directories.end(),
                                  [&dir](const std::string& root) {
                                    return dir == root || owned_by(dir, Root{root, nullptr});
                                  });
    if (!in_scanned) out.push_back(path);
  }
  return out;
}

bool skipped_by_auto_detect(const std::string& dir) {
  static const std::set<std::string> kSkipped = {
      "node_modules", "vendor", "third_party", "testdata", "fixtures", "test", "tests", "build"};
  size_t start = 0;
  while (start <= dir.size()) {
    size_t slash = dir.find('/', start);
    if (slash == std::string::npos) slash = dir.size();
    if (kSkipped.count(dir.substr(start, slash - start)) > 0) return true;
    start = slash + 1;
  }
  return false;
}

MigrationSet discover_snapshots(const Snapshot& head, const Snapshot* base,
                                const std::vector<FileChange>& changes,
                                const DiscoverOptions& options) {
  MigrationSet set;
  std::vector<Migration> base_migrations;
  std::set<std::string> layouts;
  for (const auto& root : find_roots(head, options, set.skipped_directories)) {
    LayoutScan scan = root.layout->scan(head, root.dir);
    set.directories.push_back(root.dir);
    layouts.insert(std::string(root.layout->name));
    for (auto& m : scan.migrations) {
      if (m.up) m.expected_rollback = root.layout->expected_rollback(m);
      set.migrations.push_back(std::move(m));
    }
    for (auto& p : scan.orphan_rollbacks) set.orphan_rollbacks.push_back(std::move(p));
    for (auto& p : scan.unrecognized_files) set.unrecognized_files.push_back(std::move(p));
    if (base != nullptr) {
      for (auto& m : root.layout->scan(*base, root.dir).migrations) {
        base_migrations.push_back(std::move(m));
      }
    }
  }
  for (const auto& name : layouts) set.layout += (set.layout.empty() ? "" : ",") + name;
  set_blob_ids(set.migrations);
  set_blob_ids(base_migrations);
  set.review_all = options.all || base == nullptr;
  if (base != nullptr) {
    classify(set, std::move(base_migrations), changes);
    set.unclaimed_changes = unclaimed_sql_changes(set, changes);
    for (const auto& c : changes) {
      for (const auto& policy : options.policy_files) {
        if (c.old_path == policy || c.new_path == policy) set.changed_policy_file = policy;
      }
    }
  }
  return set;
}

Result<MigrationSet> discover(const GitRepository& repo, const DiscoverOptions& options) {
  using Out = Result<MigrationSet>;
  auto reader = [&repo](const std::string& blob) { return repo.read_blob(blob).value; };
  auto head_files = repo.list_files(options.head_commit);
  if (!head_files) return Out::fail(head_files.error);
  Snapshot head(to_map(*head_files.value), reader);
  std::optional<Snapshot> base;
  std::vector<FileChange> changes;
  if (!options.base_commit.empty()) {
    auto base_files = repo.list_files(options.base_commit);
    if (!base_files) return Out::fail(base_files.error);
    base.emplace(to_map(*base_files.value), reader);
    auto diff = repo.diff(options.base_commit, options.head_commit);
    if (!diff) return Out::fail(diff.error);
    changes = std::move(*diff.value);
  }
  MigrationSet set = discover_snapshots(head, base ? &*base : nullptr, changes, options);
  for (const Snapshot* s : {&head, base ? &*base : nullptr}) {
    if (s != nullptr && !s->errors().empty()) return Out::fail(s->errors().front());
  }
  set.base_commit = options.base_commit;
  set.head_commit = options.head_commit;
  return {std::move(set), ""};
}

}  // namespace sg
