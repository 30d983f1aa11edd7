// The deployment plan completed with what the gate verified: the pull-request check's passing
// round trip for this exact content (its traced locks, and the checklist's tested, rollback
// tested and no blocking lock items with the check's own evidence) and the approvals recorded
// for the migration's risk.
#pragma once

#include <vector>

#include "gate/approvals.h"
#include "gate/plan.h"
#include "gate/roundtrip_record.h"

namespace sg {

// One record lookup per planned migration serves both the locks and the checklist.
void apply_evidence(std::vector<PlannedMigration>& plan,
                    const std::vector<RecordedRoundTrip>& records,
                    const std::vector<ApprovalCheck>& approvals);

}  // namespace sg
