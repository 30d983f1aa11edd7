// The deployment plan's checklist, ticked with what the gate verified: the pull-request check's
// passing round trip for this exact content (tested, rollback tested, no blocking lock: with the
// check's own evidence) and the approvals recorded for the migration's risk.
#pragma once

#include <vector>

#include "gate/approvals.h"
#include "gate/plan.h"
#include "gate/roundtrip_record.h"

namespace sg {

void tick_from_evidence(std::vector<PlannedMigration>& plan,
                        const std::vector<RecordedRoundTrip>& records,
                        const std::vector<ApprovalCheck>& approvals);

}  // namespace sg
