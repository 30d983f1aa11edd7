// The deployment plan `gate` prints when nothing blocks: each pending migration in apply order,
// with what the static analysis expects it to do to the target (risk, locks), how the tool runs
// it, how to undo it, and the seeds' deployment checklist for its risk.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gate/target_status.h"
#include "config/config.h"
#include "assess/checklist.h"

namespace sg {

struct PlannedMigration {
  const Migration* migration = nullptr;
  std::string track;    // "" without [[tracks]]
  std::string label;    // version or name, as status shows it
  std::string file;     // the up file
  std::string content;  // its text, for checks that hash or replay it
  Risk risk = Risk::kLow;
  std::vector<std::string> risk_reasons;
  std::vector<std::string> approvals;  // who signs off at this risk (config [risk.approvals])
  bool compliance_review = false;      // it touches a configured compliance table
  std::vector<std::string> locks;      // "ACCESS EXCLUSIVE on users (line 3)"
  // From the lock trace of the check that passed this content (gate/traced_locks.h); empty
  // traced_from when there is none.
  std::vector<std::string> traced_locks;
  std::string traced_from;                      // "check-report.json"
  std::vector<std::string> lock_disagreements;  // "line 3: the lock model predicts ..."
  std::string transaction_mode;        // how the tool runs the file
  std::string rollback_file;           // "" when the repository has none
  std::vector<Finding> findings;       // lint findings on the up file
  std::vector<CheckedItem> checklist;
};

// What the checklist reads of `p` (assess/checklist.h), with the round trip a check recorded
// for its content when there is one. Points into `p` and `roundtrip`.
MigrationAssessment assessment_of(const PlannedMigration& p,
                                  const MigrationRoundTrip* roundtrip = nullptr);

// Lints and assesses every pending migration of `status` with `config`'s rules and policy.
std::vector<PlannedMigration> plan_deployment(const TargetStatus& status, const Config& config);

// "one transaction per file (the tool wraps it)" and the like.
std::string describe(TransactionMode mode);
nlohmann::json to_json(const PlannedMigration& p);

}  // namespace sg
