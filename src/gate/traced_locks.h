// Expected locks from the trace the pull-request check recorded: the static model (plan.cpp)
// predicts, the trace saw what PostgreSQL actually took on an empty copy of the schema. Both go
// into the plan, each labelled by its source, with the check's own disagreements between them.
#pragma once

#include <string>
#include <vector>

#include "gate/plan.h"
#include "gate/roundtrip_record.h"

namespace sg {

// One traced lock in the check's wording, with its line as the static locks have it:
//   "ACCESS EXCLUSIVE on table users (blocks reads and writes), held 3 ms (line 4)"
std::string describe_traced_lock(const TracedLock& lock);

// When `record` (the passing record for p's content) holds a complete lock trace (saved `check
// --format json` reports; audit records hold none), fills p's traced_locks, traced_from and
// lock_disagreements; otherwise p keeps only its static locks.
void attach_traced_locks(PlannedMigration& p, const RecordedRoundTrip& record);

}  // namespace sg
