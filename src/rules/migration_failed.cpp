// migration-failed: the up script does not apply on the schema its history produces.
#include "db/roundtrip_findings.h"

namespace sg {

Finding migration_failed(const Script& up, const ScriptFailure& failure) {
  return db_finding("migration-failed", up.path, failure.position,
                    "migration failed: " + failure.message + " (SQLSTATE " + failure.sqlstate + ")",
                    failure_help(failure,
                                 "the migration must apply on a database built from the "
                                 "migrations before it; run it locally against that schema and "
                                 "fix the statement"));
}

}  // namespace sg
