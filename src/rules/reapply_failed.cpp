// reapply-failed: up does not apply again after its own rollback, or builds another schema when
// it does.
#include "rules/database_rules.h"

namespace sg {

void check_reapply_failed(const MigrationFacts& facts, FindingSink& out) {
  if (facts.reapply_failure) {
    const ScriptFailure& failure = *facts.reapply_failure;
    out.report(
        facts.up.path, failure.position,
        "migration fails when applied again after its rollback: " + failure_text(failure, facts),
        failure_help(failure,
                     "after a rollback the migration is deployed again; the rollback must "
                     "leave nothing that the up migration then trips over"));
    return;
  }
  if (facts.reapply_differences.empty()) return;
  std::string list;
  for (const auto& d : facts.reapply_differences) list += (list.empty() ? "" : "; ") + d;
  out.report(facts.up.path, Position{script_line(facts.up), 1},
             "migration builds a different schema when applied again after its rollback: " + list +
                 facts.rehearsal_volume,
             "the rollback must restore what the up migration depends on, so that up, down, up "
             "ends where up ends");
}

}  // namespace sg
