#include "core/finding.h"

#include <tuple>

namespace sg {

bool finding_order(const Finding& a, const Finding& b) {
  return std::tie(a.file, a.line, a.column, a.rule_id) <
         std::tie(b.file, b.line, b.column, b.rule_id);
}

nlohmann::json to_json(const Finding& f) {
  nlohmann::json j = {
      {"rule_id", f.rule_id},          {"severity", to_string(f.severity)},
      {"risk", to_string(f.risk)},     {"file", f.file},
      {"line", f.line},                {"column", f.column},
      {"message", f.message},          {"help", f.help},
      {"suppressed", f.suppressed},
  };
  if (f.suppressed) j["suppression_reason"] = f.suppression_reason;
  return j;
}

}  // namespace sg
