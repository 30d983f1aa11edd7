// rollback-failed: the down script errors right after its up applied.
#include "db/roundtrip_findings.h"

namespace sg {

Finding rollback_failed(const Script& down, const ScriptFailure& failure) {
  return db_finding("rollback-failed", down.path, failure.position,
                    "rollback failed: " + failure.message + " (SQLSTATE " + failure.sqlstate + ")",
                    failure_help(failure,
                                 "the rollback must run on the schema the up migration leaves; "
                                 "it is the plan for a failed deploy, so it has to work before "
                                 "it is needed"));
}

}  // namespace sg
