#include "core/risk_policy.h"

namespace sg {

RiskPolicy RiskPolicy::defaults() {
  RiskPolicy policy;
  policy.approvals = {
      {{"Tech Lead"}, {"Engineering Manager"}, {"VP Engineering", "CTO"}, {"Executive Team"}}};
  return policy;
}

}  // namespace sg
