#include "gate/gate.h"

#include "repo/layout.h"

namespace sg {
namespace {

struct NamedCheck {
  const char* name;
  std::vector<GateBlocker> (*run)(const GateInput& in);
};

// The gate's checks, in the order their reasons print.
const NamedCheck kGateChecks[] = {
    {"target-clean", &check_target_clean},
    {"applied-unchanged", &check_applied_unchanged},
    {"pending-order", &check_pending_order},
};

std::string named(const MigrationStatus& s) {
  return s.label + (s.file.empty() ? "" : " (" + s.file + ")");
}

}  // namespace

std::vector<GateBlocker> check_target_clean(const GateInput& in) {
  std::vector<GateBlocker> out;
  for (const auto& s : in.status.entries) {
    if (s.state != MigrationState::kFailed) continue;
    std::string what = s.detail == "dirty" ? "is dirty" : "failed: " + s.detail;
    out.push_back({"target-clean", in.status.table + ": migration " + named(s) + " " + what +
                                       "; repair the target before deploying"});
  }
  return out;
}

std::vector<GateBlocker> check_applied_unchanged(const GateInput& in) {
  std::vector<GateBlocker> out;
  for (const auto& s : in.status.entries) {
    if (s.state == MigrationState::kChecksumMismatch) {
      out.push_back({"applied-unchanged", "migration " + named(s) +
                                              " was edited after it was applied: " + s.detail});
    } else if (s.state == MigrationState::kMissing) {
      out.push_back({"applied-unchanged", "migration " + s.label + " is applied on the target (" +
                                              in.status.table +
                                              ") but its file is not in the repository"});
    }
  }
  return out;
}

std::vector<GateBlocker> check_pending_order(const GateInput& in) {
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

GateResult run_gate(const MigrationSet& set, const TargetStatus& status, const Config& config,
                    const std::string& database_url, const std::string& environment,
                    const std::vector<GateCheck>& extra) {
  GateResult result;
  result.plan = plan_deployment(status, config);
  GateInput in{set, status, result.plan, config, database_url, environment};
  for (const auto& check : kGateChecks) {
    for (auto& b : check.run(in)) result.blockers.push_back(std::move(b));
  }
  for (const auto& check : extra) {
    for (auto& b : check(in)) result.blockers.push_back(std::move(b));
  }
  if (!status.records_checksums && status.count(MigrationState::kApplied) > 0) {
    result.notes.push_back(status.layout + " records no checksum in " + status.table +
                           ": cannot tell whether an applied migration's file changed since it "
                           "was applied");
  }
  return result;
}

nlohmann::json to_json(const GateResult& result) {
  nlohmann::json blockers = nlohmann::json::array();
  for (const auto& b : result.blockers) {
    blockers.push_back({{"check", b.check}, {"reason", b.reason}});
  }
  nlohmann::json plan = nlohmann::json::array();
  for (const auto& p : result.plan) plan.push_back(to_json(p));
  return {{"verdict", result.passed() ? "pass" : "blocked"},
          {"blockers", std::move(blockers)},
          {"notes", result.notes},
          {"plan", std::move(plan)}};
}

}  // namespace sg
