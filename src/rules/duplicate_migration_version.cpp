// duplicate-migration-version: two migrations of one directory (scope) share a version.
#include <map>

#include "rules/history.h"

namespace sg {

void check_duplicate_migration_version(const MigrationSet& set, FindingSink& out) {
  std::map<std::pair<std::string, std::string>, std::vector<const Migration*>> groups;
  for (const auto& m : set.migrations) {
    if (m.change == ChangeKind::kDeleted || m.repeatable || !m.up) continue;
    groups[{m.scope, m.version}].push_back(&m);
  }
  for (const auto& [key, members] : groups) {
    if (members.size() < 2) continue;
    for (const Migration* m : members) {
      // Old duplicates are history; report the migrations this change brings in or edits.
      if (!under_review(set, *m)) continue;
      std::string others;
      for (const Migration* other : members) {
        if (other != m) others += (others.empty() ? "" : ", ") + other->up->path;
      }
      out.report(m->up->path, m->up->line,
                 "version " + key.second + " of " + m->up->path + " is also used by " + others,
                 "give the new migration the next free version; tools apply only one migration "
                 "per version, or refuse to run");
    }
  }
}

}  // namespace sg
