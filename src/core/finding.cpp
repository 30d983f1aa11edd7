#include "core/finding.h"

#include <tuple>

#include "core/json_read.h"

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
  for (const auto& lock : f.lock_trace) {
    j["lock_trace"].push_back(
        {{"relation", lock.relation}, {"mode", lock.mode}, {"held_ms", lock.held_ms}});
  }
  return j;
}

Finding finding_from_json(const nlohmann::json& j) {
  Finding f;
  f.rule_id = json_string(j, "rule_id");
  f.severity = parse_severity(json_string(j, "severity")).value_or(Severity::kWarning);
  f.risk = parse_risk(json_string(j, "risk")).value_or(Risk::kLow);
  f.file = json_string(j, "file");
  f.line = static_cast<int>(json_number(j, "line", 1));
  f.column = static_cast<int>(json_number(j, "column", 1));
  f.message = json_string(j, "message");
  f.help = json_string(j, "help");
  f.suppressed = json_bool(j, "suppressed");
  f.suppression_reason = json_string(j, "suppression_reason");
  auto locks = j.find("lock_trace");
  if (locks != j.end() && locks->is_array()) {
    for (const auto& lock : *locks) {
      f.lock_trace.push_back({json_string(lock, "relation"), json_string(lock, "mode"),
                              static_cast<long>(json_number(lock, "held_ms", 0))});
    }
  }
  return f;
}

}  // namespace sg
