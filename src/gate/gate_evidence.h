// The release gate's evidence beyond the tracking table, wired from the command line: schema
// drift (replay vs target), recorded approvals, and a passing round trip per pending migration.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/approvals_file.h"
#include "core/result.h"
#include "db/roundtrip_setup.h"
#include "gate/approvals.h"
#include "gate/gate.h"
#include "gate/roundtrip_record.h"
#include "gate/target_load.h"
#include "github/rest_client.h"

namespace sg {

struct EvidenceArgs {
  bool no_drift = false;
  bool no_roundtrip_record = false;
  bool no_approvals = false;
  std::string postgres_bin;                   // for the drift replay's embedded server
  std::string cache_dir;                      // its cached cluster
  std::vector<std::string> check_reports;     // saved `check --format json` reports
  std::vector<std::string> check_audit_logs;  // check --audit-log files
  std::string approvals_file;                 // overrides [gate] approvals_file
  std::string github_repo;                    // owner/name; default $GITHUB_REPOSITORY
  std::string commit;                         // one PR lookup for all; default per file
  std::string repo = ".";                     // the checkout (--repo), for each file's commit
};

struct ApprovalContext {
  ApprovalsFile file;
  bool has_file = false;
  std::unique_ptr<RestClient> github;
  std::string repository;
  std::map<std::string, std::string> commits;  // pending up file -> commit (approval_commits.h)
  std::map<std::string, std::vector<std::string>> approvers;
  RiskPolicy policy;
};

struct DriftEvidence {
  std::string postgres_bin;  // for the replay's embedded server
  std::string cache_dir;
  RoundTripSetup setup;      // the deploy checkout's own [roundtrip] setup
};

// What the evidence checks of the gate's table read. Each part is there unless turned off by
// its --no-* flag (then named in `skipped`): with no source given, every pending migration
// lacks its record and its approvals, and the gate blocks, saying where they come from in
// `notes`.
struct GateEvidence {
  std::optional<DriftEvidence> drift;
  std::optional<std::vector<RecordedRoundTrip>> records;  // from saved reports and audit logs
  std::unique_ptr<ApprovalContext> approvals;
  std::vector<std::string> skipped;
  std::vector<std::string> notes;
  // Filled while the gate runs: one entry per pending migration, for the plan's checklist.
  std::vector<ApprovalCheck> approval_checks;
};

// Reads the sources the command line names. Sources that cannot be read (a missing report, a
// broken approvals file) are errors.
Result<GateEvidence> build_gate_evidence(const EvidenceArgs& args, const LoadedTarget& loaded);

// The evidence checks (rows of gate.cpp's kGateChecks); each finds nothing when its evidence is
// off.
// Schema drift: the applied migrations replayed vs the target's schema.
std::vector<GateBlocker> check_drift(const GateTarget& in, GateEvidence& evidence);
// A passing round trip recorded for each pending migration's exact content.
std::vector<GateBlocker> check_roundtrip_records(const GateInput& in, GateEvidence& evidence);
// The approvals each pending migration's risk requires.
std::vector<GateBlocker> check_recorded_approvals(const GateInput& in, GateEvidence& evidence);

}  // namespace sg
