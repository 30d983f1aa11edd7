// out-of-order-migration: a new migration sorts before the newest migration at the merge base.
#include <map>

#include "rules/history.h"

namespace sg {

void check_out_of_order_migration(const MigrationSet& set, FindingSink& out) {
  // The newest migration at the merge base per scope: the last one in apply order that is
  // not new in this change.
  std::map<std::string, size_t> newest_at_base;
  const auto& all = set.migrations;
  for (size_t i = 0; i < all.size(); ++i) {
    const auto& m = all[i];
    if (m.change == ChangeKind::kDeleted || m.change == ChangeKind::kAdded || m.repeatable)
      continue;
    newest_at_base[m.scope] = i;
  }
  for (size_t i = 0; i < all.size(); ++i) {
    const auto& m = all[i];
    if (m.change != ChangeKind::kAdded || m.repeatable || !m.up) continue;
    auto newest = newest_at_base.find(m.scope);
    if (newest == newest_at_base.end() || newest->second < i) continue;
    const Migration& last = all[newest->second];
    out.report(m.up->path, m.up->line,
               "new migration " + m.id + " (version " + m.version + ") sorts before " + last.id +
                   " (" + last.up->path + "), the newest at the merge base",
               "databases already at " + last.version +
                   " will never apply it (golang-migrate, Flyway) or apply it after newer "
                   "migrations; give it a version after " +
                   last.version);
  }
}

}  // namespace sg
