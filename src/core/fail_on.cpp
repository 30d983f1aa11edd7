#include "core/fail_on.h"

namespace sg {

std::optional<FailOn> parse_fail_on(const std::string& text) {
  FailOn f;
  if (text == "none") {
    f.kind = FailOn::Kind::kNone;
    return f;
  }
  if (text.rfind("risk:", 0) == 0) {
    auto risk = parse_risk(text.substr(5));
    if (!risk) return std::nullopt;
    f.kind = FailOn::Kind::kRisk;
    f.risk = *risk;
    return f;
  }
  auto severity = parse_severity(text);
  if (!severity || *severity == Severity::kOff) return std::nullopt;
  f.severity = *severity;
  return f;
}

}  // namespace sg
