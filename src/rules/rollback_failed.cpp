// rollback-failed: the down script errors right after its up applied.
#include "rules/database_rules.h"

namespace sg {

void check_rollback_failed(const MigrationFacts& facts, FindingSink& out) {
  if (!facts.down || !facts.down_failure) return;
  const ScriptFailure& failure = *facts.down_failure;
  out.report(facts.down->path, failure.position, "rollback failed: " + failure_text(failure, facts),
             failure_help(failure,
                          "the rollback must run on the schema the up migration leaves; it is the "
                          "plan for a failed deploy, so it has to work before it is needed"));
}

}  // namespace sg
