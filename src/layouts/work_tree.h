// The files of a checkout as they are on disk, as a Snapshot: release pipelines (`status`,
// `gate`) deploy what is checked out, which may be an export without git history.
#pragma once

#include <string>
#include <vector>

#include "layouts/layout.h"

namespace sg {

// Every file below `root` (or only below `dirs`, relative to it, when given), skipping hidden
// directories (.git), what the enclosing git repository ignores (.gitignore) and, without
// `dirs`, the directories auto-detection skips (node_modules, tests, ...).
// A `dir` that does not exist is an error with context in `errors`.
Snapshot work_tree_snapshot(const std::string& root, const std::vector<std::string>& dirs,
                            std::vector<std::string>& errors);

}  // namespace sg
