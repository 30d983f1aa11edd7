// Static lock model (sql/lock_level) against the lock trace: where they disagree there is a
// gap in the rule catalogue or in the model (issue 8).
#pragma once

#include <string>
#include <vector>

#include "db/lock_trace.h"
#include "core/migration.h"

namespace sg {

struct LockDisagreement {
  std::string file;
  int line = 0;
  std::string kind;  // "predicted-not-taken" | "taken-not-predicted"
  std::string detail;
  int column = 0;
  std::string relation;  // the table the disagreement is about, as the trace names it
};

// Compares, per traced statement of `up`, the blocking locks the model predicts on existing
// tables with those the trace saw. Statements the trace did not observe are left out.
std::vector<LockDisagreement> compare_with_lock_model(const Script& up, const LockTrace& trace);

// Marks the trace's locks that `disagreements` found taken but not predicted
// (TracedLock::predicted = false), so blocking-lock reports them.
void mark_unpredicted(const std::vector<LockDisagreement>& disagreements, LockTrace& trace);

}  // namespace sg
