// How `status` and `gate` print: text for terminals and logs, markdown for job summaries and
// release notes (JSON is to_json of the same values).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "gate/gate.h"
#include "gate/target_status.h"

namespace sg {

void write_status_text(const TargetStatus& status, std::ostream& out);
void write_status_markdown(const TargetStatus& status, std::ostream& out);
// Blocked: one "blocked: <reason>" line per reason. Passed: the deployment plan.
void write_gate_text(const GateResult& result, const std::vector<GateTrack>& tracks,
                     const std::string& environment, std::ostream& out);
void write_gate_markdown(const GateResult& result, const std::vector<GateTrack>& tracks,
                         const std::string& environment, std::ostream& out);

}  // namespace sg
