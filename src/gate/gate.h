// `schemagate gate`: may this repository be deployed to this target now? A list of independent
// checks, each returning the one-line reasons it blocks; adding a check is one entry in
// kGateChecks (gate.cpp).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gate/plan.h"
#include "gate/target_status.h"
#include "lint/config.h"

namespace sg {

struct GateBlocker {
  std::string check;   // "target-clean", "applied-unchanged", "pending-order", ...
  std::string reason;  // one line, naming the migration and its file
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

using GateCheck = std::function<std::vector<GateBlocker>(const GateInput&)>;

struct GateResult {
  std::vector<GateBlocker> blockers;
  std::vector<std::string> notes;  // what the gate could not verify
  std::vector<PlannedMigration> plan;
  bool passed() const { return blockers.empty(); }
};

// The target is dirty, or a migration failed or never finished.
std::vector<GateBlocker> check_target_clean(const GateInput& in);
// An applied migration's file changed (checksum) or is gone from the repository.
std::vector<GateBlocker> check_applied_unchanged(const GateInput& in);
// A pending migration sorts before an applied one: the tool would skip it or refuse.
std::vector<GateBlocker> check_pending_order(const GateInput& in);

// Runs every check of kGateChecks, then `extra` (tests, and checks wired by the caller).
GateResult run_gate(const MigrationSet& set, const TargetStatus& status, const Config& config,
                    const std::string& database_url, const std::string& environment,
                    const std::vector<GateCheck>& extra = {});

nlohmann::json to_json(const GateResult& result);

}  // namespace sg
