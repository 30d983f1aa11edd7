// edited-applied-migration: a migration that exists at the merge base was edited, renamed or
// deleted. Blob ids decide, so no committed checksum file is needed.
#include "rules/history.h"

namespace sg {

void check_edited_applied_migration(const MigrationSet& set, FindingSink& out) {
  std::string base = set.base_commit.substr(0, 12);
  std::string at_base = base.empty() ? "at the merge base" : "at the merge base " + base;
  const std::string help =
      "databases that already ran it will not run it again: revert this change and write a new "
      "migration that makes the correction";
  for (const auto& m : set.migrations) {
    if (!m.up) continue;
    const std::string& path = m.up->path;
    switch (m.change) {
      case ChangeKind::kDeleted:
        out.report(path, m.up->line,
                   "migration " + m.id + " (" + path + ") was deleted, but it exists " + at_base,
                   help);
        break;
      case ChangeKind::kRenamed:
        out.report(path, m.up->line,
                   path + " was renamed from " + m.previous_path + ", which exists " + at_base +
                       "; the tool will see a new migration and run it again",
                   help);
        break;
      case ChangeKind::kModified:
        // A rollback added or fixed later is welcome: only the applied (up) script counts.
        if (m.up_blob_id == m.base_up_blob_id) break;
        out.report(path, m.up->line,
                   "migration " + m.id + " (" + path + ") was edited, but it exists " + at_base,
                   help);
        break;
      default: break;
    }
  }
}

}  // namespace sg
