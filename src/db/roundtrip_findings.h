// The database rules' checks (RULES.md, third table), one per src/rules/<id>.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "db/lock_trace.h"
#include "db/schema_snapshot.h"
#include "db/script_runner.h"
#include "db/session.h"
#include "core/finding.h"

namespace sg {

// A finding of registered rule `rule_id` with its default severity and risk.
Finding db_finding(std::string_view rule_id, const std::string& file, Position at,
                   std::string message, std::string help);

// `help`, or for a permission error (SQLSTATE 42501) what to declare instead: the round trip
// runs pull-request SQL as an ordinary role, so what needs a superuser is named in [roundtrip].
std::string failure_help(const ScriptFailure& failure, std::string help);

Finding migration_failed(const Script& up, const ScriptFailure& failure);
Finding rollback_failed(const Script& down, const ScriptFailure& failure);
// `differences`: diff_snapshots(before up, after down).
Finding rollback_incomplete(const Script& down, const std::vector<std::string>& differences);
Finding reapply_failed(const Script& up, const ScriptFailure& failure);
// Up applied again without error but built another schema than the first time.
Finding reapply_differs(const Script& up, const std::vector<std::string>& differences);

// Foreign keys present after up but not in `before` whose referencing columns are not the
// leading columns of any index. Returns false with `error` when the catalog query fails.
bool foreign_key_without_index(Session& session, const Script& up, const SchemaSnapshot& before,
                               std::vector<Finding>& out, std::string& error);

// One finding per lock of the trace that blocks reads or writes on an existing table (not for
// CONCURRENTLY operations), on the line of the statement that took it.
void blocking_lock(const Script& up, const LockTrace& trace, std::vector<Finding>& out);

}  // namespace sg
