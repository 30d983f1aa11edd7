// A finding: lint results, syntax errors, history problems and round-trip failures alike.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/severity.h"

namespace sg {

// What the lock trace measured for the statement a finding is about (issue 17): the static
// finding carries it instead of blocking-lock repeating the problem.
struct TracedLockEvidence {
  std::string relation;  // "users"; "audit.events" outside public
  std::string mode;      // "ACCESS EXCLUSIVE"
  long held_ms = 0;      // from the statement's start to the end of its transaction
};

struct Finding {
  std::string rule_id;
  Severity severity = Severity::kWarning;
  Risk risk = Risk::kLow;
  std::string file;  // as given on the command line, or repo-relative in `check`
  int line = 1;      // 1-based
  int column = 1;    // 1-based
  std::string message;
  std::string help;
  bool suppressed = false;
  std::string suppression_reason;  // the reason written in the ignore comment
  std::vector<TracedLockEvidence> lock_trace;  // measured by the round trip; JSON "lock_trace"
};

// Orders findings by file, line, column, rule id: the order every report uses.
bool finding_order(const Finding& a, const Finding& b);

nlohmann::json to_json(const Finding& f);
// A finding of a saved report; missing fields take Finding's defaults.
Finding finding_from_json(const nlohmann::json& j);

}  // namespace sg
