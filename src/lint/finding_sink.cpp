#include "lint/finding_sink.h"

#include <algorithm>

namespace sg {

std::vector<Finding> with_configured_severity(std::vector<Finding> findings,
                                              const RuleSet& rules) {
  for (auto& f : findings) {
    if (const ConfiguredRule* configured = rules.find(f.rule_id)) f.severity = configured->severity;
  }
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [](const Finding& f) { return f.severity == Severity::kOff; }),
                 findings.end());
  return findings;
}

}  // namespace sg
