#include "assess/fail_on.h"

namespace sg {

bool fails(const FailOn& fail_on, const std::vector<Finding>& findings) {
  for (const auto& f : findings) {
    if (f.suppressed || f.severity == Severity::kOff) continue;
    switch (fail_on.kind) {
      case FailOn::Kind::kNone: return false;
      case FailOn::Kind::kSeverity:
        if (f.severity >= fail_on.severity) return true;
        break;
      case FailOn::Kind::kRisk:
        if (f.risk >= fail_on.risk) return true;
        break;
    }
  }
  return false;
}

bool fails(const FailOn& fail_on, const std::vector<Finding>& findings,
           const std::vector<Risk>& file_risks) {
  if (fail_on.kind == FailOn::Kind::kRisk) {
    for (Risk risk : file_risks) {
      if (risk >= fail_on.risk) return true;
    }
  }
  return fails(fail_on, findings);
}

}  // namespace sg
