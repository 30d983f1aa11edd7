// Who approves each risk level, and which tables hold regulated data (config [risk],
// [compliance]; seeds 003/004).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/severity.h"

namespace sg {

// Who approves each level, and which tables hold regulated data (config [risk], [compliance]).
struct RiskPolicy {
  std::array<std::vector<std::string>, 4> approvals;  // indexed by Risk
  std::vector<std::string> compliance_tables;
  // Seed 003's table: LOW Tech Lead, MEDIUM Engineering Manager, HIGH VP Engineering + CTO,
  // CRITICAL Executive Team.
  static RiskPolicy defaults();
};

}  // namespace sg
