#include "gate/gate.h"

#include <algorithm>

#include "gate/gate_evidence.h"
#include "layouts/layout.h"
#include "layouts/tracks.h"

namespace sg {
namespace {

bool counts_as_applied(const MigrationStatus& s) {
  return s.state == MigrationState::kApplied || s.state == MigrationState::kChecksumMismatch ||
         s.state == MigrationState::kMissing;
}

std::string named(const MigrationStatus& s) {
  return s.label + (s.file.empty() ? "" : " (" + s.file + ")");
}

}  // namespace

std::vector<GateBlocker> check_target_clean(const GateInput& in, GateEvidence&) {
  std::vector<GateBlocker> out;
  for (const auto& s : in.status.entries) {
    if (s.state != MigrationState::kFailed) continue;
    std::string what = s.detail == "dirty" ? "is dirty" : "failed: " + s.detail;
    out.push_back({"target-clean", in.status.table + ": migration " + named(s) + " " + what +
                                       "; repair the target before deploying"});
  }
  return out;
}

std::vector<GateBlocker> check_applied_unchanged(const GateInput& in, GateEvidence&) {
  std::vector<GateBlocker> out;
  for (const auto& s : in.status.entries) {
    if (s.state == MigrationState::kChecksumMismatch) {
      out.push_back({"applied-unchanged",
                     "migration " + named(s) + " was edited after it was applied: " + s.detail});
    } else if (s.state == MigrationState::kMissing) {
      out.push_back({"applied-unchanged", "migration " + s.label + " is applied on the target (" +
                                              in.status.table +
                                              ") but its file is not in the repository"});
    }
  }
  return out;
}

std::vector<GateBlocker> check_pending_order(const GateInput& in, GateEvidence&) {
  std::vector<GateBlocker> out;
  const MigrationStatus* last = in.status.latest_applied();
  if (last == nullptr) return out;
  for (const auto& s : in.status.entries) {
    if (s.state != MigrationState::kPending || s.migration == nullptr) continue;
    if (s.migration->repeatable || !version_less(s.migration->version, last->migration->version)) {
      continue;
    }
    out.push_back({"pending-order", "pending migration " + named(s) + " sorts before applied " +
                                        named(*last) + ": " + in.status.layout +
                                        " would skip it or refuse to run"});
  }
  return out;
}

std::vector<GateBlocker> check_track_requirements(const GateTarget& in, GateEvidence&) {
  std::vector<GateBlocker> out;
  for (const auto& t : in.tracks) {
    size_t pending = t.status->count(MigrationState::kPending);
    if (!t.selected || !t.requirement || pending == 0) continue;
    const TrackRequirement& r = *t.requirement;
    auto base = std::find_if(in.tracks.begin(), in.tracks.end(),
                             [&](const GateTrack& g) { return g.name == r.required; });
    if (base == in.tracks.end()) continue;  // the config names only tracks it has
    std::vector<std::string> applied;
    for (const auto& s : base->status->entries) {
      if (counts_as_applied(s)) applied.push_back(s.migration ? s.migration->version : s.label);
    }
    auto unmet = unmet_requirement(r, applied);
    if (!unmet) continue;
    out.push_back({"track-requirement",
                   track_prefix(t.name) + *unmet + "; its " + std::to_string(pending) +
                       " pending " + (pending == 1 ? "migration waits" : "migrations wait") +
                       ": deploy " + r.required + " first, then gate " + t.name + " again",
                   t.name});
  }
  return out;
}

namespace {

// The gate's checks, in the order their reasons print: each reads one track (per_track) or the
// whole target (whole_target), built-in ones from the tracking status, evidence ones from
// GateEvidence as well.
struct GateCheckEntry {
  std::vector<GateBlocker> (*per_track)(const GateInput& in, GateEvidence& evidence);
  std::vector<GateBlocker> (*whole_target)(const GateTarget& in, GateEvidence& evidence);
};

const GateCheckEntry kGateChecks[] = {
    {&check_target_clean, nullptr},
    {&check_applied_unchanged, nullptr},
    {&check_pending_order, nullptr},
    {&check_roundtrip_records, nullptr},
    {&check_recorded_approvals, nullptr},
    {nullptr, &check_track_requirements},
    {nullptr, &check_drift},
};

}  // namespace

GateResult run_gate(const std::vector<GateTrack>& tracks, const Config& config,
                    const std::string& database_url, const std::string& environment,
                    GateEvidence& evidence) {
  GateResult result;
  result.skipped_checks = evidence.skipped;
  for (const auto& t : tracks) {
    if (!t.selected) {
      result.notes.push_back("track " + t.name + " is not deployed by this run (--track)");
      continue;
    }
    std::vector<PlannedMigration> plan = plan_deployment(*t.status, config);
    GateInput in{*t.set, *t.status, plan, config, database_url, environment};
    std::vector<GateBlocker> found;
    for (const auto& check : kGateChecks) {
      if (check.per_track == nullptr) continue;
      for (auto& b : check.per_track(in, evidence)) found.push_back(std::move(b));
    }
    for (auto& b : found) {
      b.reason = track_prefix(t.name) + b.reason;
      b.track = t.name;
      result.blockers.push_back(std::move(b));
    }
    const TargetStatus& status = *t.status;
    if (!status.records_checksums && status.count(MigrationState::kApplied) > 0) {
      result.notes.push_back(track_prefix(t.name) + status.layout + " records no checksum in " +
                             status.table +
                             ": cannot tell whether an applied migration's file changed since "
                             "it was applied");
    }
    for (auto& p : plan) result.plan.push_back(std::move(p));
  }
  GateTarget whole{tracks, result.plan, config, database_url, environment};
  for (const auto& check : kGateChecks) {
    if (check.whole_target == nullptr) continue;
    for (auto& b : check.whole_target(whole, evidence)) result.blockers.push_back(std::move(b));
  }
  return result;
}

nlohmann::json to_json(const GateResult& result) {
  nlohmann::json blockers = nlohmann::json::array();
  for (const auto& b : result.blockers) {
    nlohmann::json blocker = {{"check", b.check}, {"reason", b.reason}};
    if (!b.track.empty()) blocker["track"] = b.track;
    blockers.push_back(std::move(blocker));
  }
  nlohmann::json plan = nlohmann::json::array();
  for (const auto& p : result.plan) plan.push_back(to_json(p));
  return {{"verdict", result.passed() ? "pass" : "blocked"},
          {"blockers", std::move(blockers)},
          {"notes", result.notes},
          {"skipped_checks", result.skipped_checks},
          {"plan", std::move(plan)}};
}

}  // namespace sg
