// `check` as one value-to-value pipeline (../shared/DESIGN.md, "Pipeline"): policy, change,
// discover, lint, round trip, assess. The CLI parses options into a CheckInput, calls check()
// and emits the CheckResult; nothing here prints.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/migration.h"
#include "core/result.h"
#include "db/roundtrip.h"
#include "db/track_roundtrip.h"
#include "assess/fail_on.h"
#include "report/report.h"

namespace sg {

struct CheckInput {
  std::string repo = ".";
  std::vector<std::string> dirs;  // relative to `repo`
  std::string layout = "auto";
  std::string base;
  std::string head = "HEAD";
  bool all = false;
  bool no_db = false;
  std::string config_path;
  std::optional<std::string> fail_on;  // unset: the config's
  std::optional<int> pg_version;       // unset: the config's
  std::optional<int> rehearse_rows;    // unset: the config's
  RoundTripOptions roundtrip;
};

struct CheckResult {
  Report report;
  MigrationSet set;
  std::optional<TrackedRoundTrip> roundtrip;  // when one ran
  FailOn fail_on;
  // Exit code 1: findings (or file risks) at or above --fail-on.
  bool fails() const;
};

// A usage or runtime error ("--head x: ...", config errors one per line) comes back as the
// error; everything found is in the result.
Result<CheckResult> check(CheckInput input);

}  // namespace sg
