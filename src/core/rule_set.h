// The rules that run, each with its effective severity and options.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/rule_info.h"

namespace sg {

struct ConfiguredRule {
  const RuleInfo* info = nullptr;
  Severity severity = Severity::kWarning;
  nlohmann::json options = nlohmann::json::object();
};

class RuleSet {
 public:
  // Every rule at its default severity (rules whose default is `off` are included as off).
  static RuleSet defaults();
  // Just one rule, enabled even when its default is off (fixture tests use this).
  static RuleSet only(const RuleInfo& rule);

  const std::vector<ConfiguredRule>& rules() const { return rules_; }
  ConfiguredRule* find(std::string_view id);
  const ConfiguredRule* find(std::string_view id) const;

 private:
  std::vector<ConfiguredRule> rules_;
};

}  // namespace sg
