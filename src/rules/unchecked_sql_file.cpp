// unchecked-sql-file: the change adds or edits a .sql file that no migration layout holds, so
// nothing linted or round-tripped it. A gate that passes such a change would claim a check it
// never made (a layout we do not know, a directory auto-detection skipped).
#include <filesystem>

#include "core/layout_names.h"
#include "rules/history.h"
#include "util/join.h"

namespace sg {

void check_unchecked_sql_file(const MigrationSet& set, FindingSink& out) {
  for (const auto& path : set.unclaimed_changes) {
    std::string dir = std::filesystem::path(path).parent_path().generic_string();
    if (dir.empty()) dir = ".";
    out.report(path, 1,
               path +
                   ": the change touches this SQL file but no migration layout holds it, so "
                   "it was not linted or round-tripped",
               "if it is a migration, name its directory and tool: --dir " + dir + " --layout <" +
                   join(registered_layout_names(), "|") +
                   "> (or a [[tracks]] entry); if it is not, exclude it in .schemagate.toml: "
                   "[paths] exclude = [\"" +
                   (dir == "." ? "" : dir + "/") + "*.sql\"]");
  }
}

}  // namespace sg
