// assess(): what a check's results mean, over typed values. Each migration's risk (its up file's
// assessed risk and the unsuppressed findings on its files), reasons, approvals and compliance
// review; the overall risk and verdict; the finding counts. Every renderer (the PR comment, the
// job summary, annotations, the audit record) and the release gate's plan read this one value.
#pragma once

#include <string>
#include <vector>

#include "assess/file_risk.h"
#include "core/fail_on.h"
#include "core/finding.h"
#include "core/migration.h"
#include "db/roundtrip.h"

namespace sg {

struct MigrationAssessment {
  std::string title;               // migration id, or the file path without a migration
  std::vector<std::string> paths;  // up first, then down
  std::string up_path;
  std::string down_path;
  std::string change;  // "added", ... or "" when unknown
  Risk risk = Risk::kLow;
  std::vector<std::string> risk_reasons;
  std::vector<std::string> approvals;
  bool compliance_review = false;
  std::vector<std::string> tables_touched;
  const MigrationRoundTrip* roundtrip = nullptr;  // its round trip, if one ran
  std::vector<const Finding*> findings;           // every finding in `paths`, report order
};

// Unsuppressed errors and warnings, and suppressed findings: what every summary line counts.
struct FindingCounts {
  size_t errors = 0;
  size_t warnings = 0;
  size_t suppressed = 0;
};
FindingCounts count_findings(const std::vector<Finding>& findings);

struct Assessment : FindingCounts {
  Risk risk = Risk::kLow;  // highest over the migrations
  bool pass = true;        // no unsuppressed error, runtime error, failed or skipped round trip
  // Nothing failed, but a round trip was skipped (the history did not replay, the deadline):
  // not a PASS, and not a FAIL either; the comment says which.
  bool incomplete = false;
  std::vector<MigrationAssessment> migrations;
};

// What assess() reads; it points into values the caller keeps alive (so does the result).
struct AssessInput {
  const std::vector<Finding>& findings;
  const std::vector<FileRisk>& files;
  const std::vector<ReportedMigration>& migrations;
  const std::vector<MigrationRoundTrip>& roundtrips;
  const std::vector<std::string>& runtime_errors;
};

// A finding on a file outside every migration (lint, unchecked-sql-file) gets a group of its own.
Assessment assess(const AssessInput& in);

// --fail-on over the same values: findings at or above the threshold, or (risk:LEVEL) a file
// whose statements reach LEVEL without a finding.
bool fails(const FailOn& fail_on, const std::vector<Finding>& findings,
           const std::vector<FileRisk>& files);

}  // namespace sg
