#include "core/rule_set.h"

namespace sg {

RuleSet RuleSet::defaults() {
  RuleSet set;
  for (const auto& info : all_rules()) {
    set.rules_.push_back({&info, info.default_severity, nlohmann::json::object()});
  }
  return set;
}

RuleSet RuleSet::only(const RuleInfo& rule) {
  RuleSet set;
  Severity severity = rule.default_severity == Severity::kOff ? Severity::kWarning
                                                               : rule.default_severity;
  set.rules_.push_back({&rule, severity, nlohmann::json::object()});
  return set;
}

ConfiguredRule* RuleSet::find(std::string_view id) {
  for (auto& rule : rules_) {
    if (rule.info->id == id) return &rule;
  }
  return nullptr;
}

const ConfiguredRule* RuleSet::find(std::string_view id) const {
  return const_cast<RuleSet*>(this)->find(id);
}

}  // namespace sg
