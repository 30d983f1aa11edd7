// missing-rollback: a migration under review has no down script where its layout keeps them.
#include "rules/history.h"

namespace sg {
namespace {

// Where the layout expects the rollback, so the message says exactly what to add.
std::string expected_rollback(const Migration& m) {
  const std::string& up = m.up->path;
  std::string dir = up.substr(0, up.rfind('/') + 1);
  if (m.layout == "plain") return dir + "rollback/" + m.version + "_rollback.sql";
  if (m.layout == "golang-migrate") return dir + m.id + ".down.sql";
  if (m.layout == "flyway") return dir + "U" + m.version + "__" + m.name + ".sql";
  if (m.layout == "prisma") return dir + "down.sql";
  if (m.layout == "dbmate") return "a `-- migrate:down` section with SQL in " + up;
  if (m.layout == "goose") return "a `-- +goose Down` section with SQL in " + up;
  if (m.layout == "sqitch") {
    std::string root = up.substr(0, up.rfind("/deploy/") + 1);
    return root + "revert/" + m.id + ".sql";
  }
  if (m.layout == "liquibase") return "`--rollback` lines in changeset " + m.version;
  return "a rollback script";
}

}  // namespace

void check_missing_rollback(const MigrationSet& set, HistoryEmitter& out) {
  for (const auto& m : set.migrations) {
    if (!under_review(set, m) || !m.up || m.down || !m.expects_rollback || m.rollback_waived ||
        m.repeatable) {
      continue;
    }
    out.report(m.up->path, m.up->line,
               "migration " + m.id + " has no rollback: expected " + expected_rollback(m),
               "write the script that undoes this migration, so a failed deploy can be reverted "
               "(seed 000: every migration has a rollback script)");
  }
}

}  // namespace sg
