// reapply-failed: up does not apply again after its own rollback.
#include "db/roundtrip_findings.h"

namespace sg {

Finding reapply_failed(const Script& up, const ScriptFailure& failure) {
  return db_finding("reapply-failed", up.path, failure.position,
                    "migration fails when applied again after its rollback: " + failure.message +
                        " (SQLSTATE " + failure.sqlstate + ")",
                    failure_help(failure,
                                 "after a rollback the migration is deployed again; the rollback "
                                 "must leave nothing that the up migration then trips over"));
}

Finding reapply_differs(const Script& up, const std::vector<std::string>& differences) {
  std::string list;
  for (const auto& d : differences) list += (list.empty() ? "" : "; ") + d;
  return db_finding(
      "reapply-failed", up.path, Position{1, 1},
      "migration builds a different schema when applied again after its rollback: " + list,
      "the rollback must restore what the up migration depends on, so that up, "
      "down, up ends where up ends");
}

}  // namespace sg
