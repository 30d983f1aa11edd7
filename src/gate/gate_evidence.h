// The release gate's evidence beyond the tracking table, wired from the command line: schema
// drift (replay vs target), recorded approvals, and a passing round trip per pending migration.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gate/approvals.h"
#include "gate/gate.h"
#include "gate/roundtrip_record.h"
#include "gate/target_load.h"

namespace sg {

struct EvidenceArgs {
  bool no_drift = false;
  bool no_roundtrip_record = false;
  bool no_approvals = false;
  std::string postgres_bin;                    // for the drift replay's embedded server
  std::vector<std::string> check_reports;      // saved `check --format json` reports
  std::vector<std::string> check_audit_logs;   // check --audit-log files
  std::string approvals_file;                  // overrides [gate] approvals_file
  std::string github_repo;                     // owner/name; default $GITHUB_REPOSITORY
  std::string commit;                          // one PR lookup for all; default per file
  std::string repo = ".";                      // the checkout (--repo), for each file's commit
};

// The drift, approvals and round-trip-record checks for run_gate. Each is on unless turned off
// by its --no-* flag (then named in checks.skipped): with no source given, every pending
// migration lacks its record and its approvals, and the gate blocks, saying where they come
// from in `notes`. Sources that cannot be read (a missing report, a broken approvals file) are
// runtime errors: false with `error`. What the checks find goes to `found` too when given, for
// the plan's traced locks and checklist.
struct EvidenceFound {
  std::vector<RecordedRoundTrip> records;
  // Filled when run_gate runs the approvals check: one entry per pending migration.
  std::shared_ptr<std::vector<ApprovalCheck>> approvals =
      std::make_shared<std::vector<ApprovalCheck>>();
};
bool evidence_checks(const EvidenceArgs& args, const LoadedTarget& loaded, ExtraChecks& checks,
                     std::vector<std::string>& notes, std::string& error,
                     EvidenceFound* found = nullptr);

}  // namespace sg
