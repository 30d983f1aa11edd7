// The discover stage: which migrations the repository has at head, under which layout, and
// what the change since the merge base did to each.
#pragma once

#include <string>
#include <vector>

#include "repo/git_repository.h"
#include "layouts/layout.h"
#include "core/migration.h"

namespace sg {

struct DiscoverOptions {
  std::vector<std::string> dirs;  // repo-relative; empty: auto-detect
  std::string layout = "auto";    // or a layout name (layout.h)
  std::string head_commit;        // hex
  std::string base_commit;        // the merge base (hex); empty: no classification
  bool all = false;               // every migration is under review
  // Repository paths of the gate's policy (the .schemagate.toml that applies at head and the
  // one that applies at the merge base; --config inside the repository). A change to any of
  // them is recorded as changed_policy_file.
  std::vector<std::string> policy_files = {".schemagate.toml"};
};

// Directories never auto-detected: dependencies and test data hold SQL that is not the
// project's migration history. --dir still reaches them.
bool skipped_by_auto_detect(const std::string& dir);

// The .sql files of `changes` (added, modified, renamed) that `set` does not hold: not a
// migration's script, not under a scanned directory, not in a dependency or test-data folder,
// not in a folder skipped as another database's (counted in its SkippedDirectory instead).
std::vector<std::string> unclaimed_sql_changes(MigrationSet& set,
                                               const std::vector<FileChange>& changes);

// The migrations of `head` (and, with a base, their changes). A migration whose directory or
// layout cannot be read becomes an error message with context.
Result<MigrationSet> discover(const GitRepository& repo, const DiscoverOptions& options);

// The same from snapshots, for callers that already hold the files (and for tests).
MigrationSet discover_snapshots(const Snapshot& head, const Snapshot* base,
                                const std::vector<FileChange>& changes,
                                const DiscoverOptions& options);

}  // namespace sg
