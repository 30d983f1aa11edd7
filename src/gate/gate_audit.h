// The compliance record of one gate decision (seed 004: who, what, when, where, why, result),
// appended to --audit-log beside the records `check` writes.
#pragma once

#include <nlohmann/json.hpp>

#include "gate/gate.h"
#include "report/audit_record.h"

namespace sg {

// {"timestamp","executor","action":"gate","environment","database","tracking_table",
//  "justification","status":"success"|"failure","verdict","blockers","skipped_checks",
//  "migrations":[{"migration","version","file","risk","up_sha256","rollback_file"}]}
// With [[tracks]]: "tracking_table" lists each deployed track's table, "tracks" names them
// ({"track","tracking_table","rows_where"}), and each migration has its "track".
nlohmann::json gate_audit_record(const GateResult& result, const std::vector<GateTrack>& tracks,
                                 const AuditContext& context);

}  // namespace sg
