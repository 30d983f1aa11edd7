// Every rule schemagate knows, from src/rules/rules.def.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lint/rule.h"
#include "core/severity.h"

namespace sg {

enum class RuleKind { kStatement, kRepository, kDatabase };

struct RuleInfo {
  std::string_view id;
  std::string_view identifier;  // the C++ name: src/rules/<identifier>.cpp
  Severity default_severity;
  Risk risk;
  std::string_view summary;
  std::unique_ptr<Rule> (*make)();  // statement rules only; nullptr for the others
  RuleKind kind = RuleKind::kStatement;
};

const std::vector<RuleInfo>& all_rules();
const RuleInfo* find_rule(std::string_view id);
// "unknown rule id 'x'; did you mean 'y'?" or without the suggestion when nothing is close.
std::string unknown_rule_message(std::string_view id);

}  // namespace sg
