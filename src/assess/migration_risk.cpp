#include "assess/migration_risk.h"

#include <algorithm>

namespace sg {

// A migration's risk: the highest of its files' risk (what the statements do, and their
// findings: assess/file_risk.h) and of the history and round-trip findings that name it.
Risk migration_risk(const Migration& m, const nlohmann::json& file_entries,
                    const std::vector<Finding>& findings) {
  Risk risk = Risk::kLow;
  for (const auto& entry : file_entries) {
    std::string file = entry.value("file", "");
    if (m.up && file == m.up->path) {
      risk = std::max(risk, parse_risk(entry.value("risk", "LOW")).value_or(Risk::kLow));
    }
  }
  for (const auto& f : findings) {
    if (!f.suppressed && f.severity != Severity::kOff) risk = std::max(risk, f.risk);
  }
  return risk;
}

}  // namespace sg
