// `schemagate gate`: may this repository be deployed to this target now? A list of independent
// checks, each returning the one-line reasons it blocks; adding a check is one entry in
// kGateChecks or kTargetChecks (gate.cpp). Per-track checks see one migration track at a time;
// target checks see every track at once.
#pragma once

#include <functional>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "gate/plan.h"
#include "gate/target_status.h"
#include "config/config.h"
#include "core/track.h"

namespace sg {

struct GateBlocker {
  // Most checks never name a track: run_gate stamps the track whose check found the reason.
  GateBlocker(std::string check_id, std::string why, std::string track_name = "")
      : check(std::move(check_id)), reason(std::move(why)), track(std::move(track_name)) {}
  std::string check;   // "target-clean", "applied-unchanged", "pending-order", ...
  std::string reason;  // one line, naming the migration and its file (and track)
  std::string track;   // "" for the whole target, or without [[tracks]]
};

// One migration track of the target (without [[tracks]], the only one, unnamed).
struct GateTrack {
  std::string name;
  std::optional<TrackRequirement> requirement;
  bool selected = true;  // false: this run deploys nothing of it (--track)
  const MigrationSet* set = nullptr;
  const TargetStatus* status = nullptr;
};

// Everything a check may read. The plan holds the pending migrations' version, file, content
// and risk; the URL and environment are for checks that look further (drift, approvals).
struct GateInput {
  const MigrationSet& set;
  const TargetStatus& status;
  const std::vector<PlannedMigration>& plan;
  const Config& config;
  std::string database_url;
  std::string environment;
};

// What a whole-target check reads: every track, and the plan of the selected ones.
struct GateTarget {
  const std::vector<GateTrack>& tracks;
  const std::vector<PlannedMigration>& plan;
  const Config& config;
  std::string database_url;
  std::string environment;
};

struct GateEvidence;  // gate/gate_evidence.h: drift, round-trip records, approvals

struct GateResult {
  std::vector<GateBlocker> blockers;
  std::vector<std::string> notes;  // what the gate could not verify
  std::vector<std::string> skipped_checks;  // turned off on the command line
  std::vector<PlannedMigration> plan;  // the selected tracks' pending migrations, in order
  bool passed() const { return blockers.empty(); }
};

// The target is dirty, or a migration failed or never finished.
std::vector<GateBlocker> check_target_clean(const GateInput& in, GateEvidence& evidence);
// An applied migration's file changed (checksum) or is gone from the repository.
std::vector<GateBlocker> check_applied_unchanged(const GateInput& in, GateEvidence& evidence);
// A pending migration sorts before an applied one: the tool would skip it or refuse.
std::vector<GateBlocker> check_pending_order(const GateInput& in, GateEvidence& evidence);

// An extension track with pending migrations whose required track is not at the required
// version on the target: "track sponsor_a: sponsor_a requires core >= 3; the target has core at
// 2; deploy core first". The core's pending migrations do not count: they are not applied yet.
std::vector<GateBlocker> check_track_requirements(const GateTarget& in, GateEvidence& evidence);

// Runs the gate's one check table (gate.cpp, kGateChecks) in its order: the per-track checks on
// each selected track, then the whole-target ones. The evidence checks read `evidence` and
// record what they found in it (the approvals per pending migration); without evidence they
// do not run, and the caller names them in `evidence`'s skipped list.
GateResult run_gate(const std::vector<GateTrack>& tracks, const Config& config,
                    const std::string& database_url, const std::string& environment,
                    GateEvidence& evidence);

nlohmann::json to_json(const GateResult& result);

}  // namespace sg
