// Every rule schemagate knows: what config, lint, the rule runners and the reports share about a
// rule. The table itself is src/rules/registry.cpp, the expansion of rules.def, the one
// registration list; everything here is defined there.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/severity.h"

namespace sg {

class Rule;  // lint/rule.h: the statement-rule contract

enum class RuleKind { kStatement, kRepository, kDatabase };

struct RuleInfo {
  std::string_view id;
  std::string_view identifier;  // the C++ name: src/rules/<identifier>.cpp
  Severity default_severity;
  Risk risk;
  std::string_view summary;
  std::unique_ptr<Rule> (*make)();  // statement rules only; nullptr for the others
  RuleKind kind = RuleKind::kStatement;
  // The options a statement rule takes and their defaults ({} for the others), what
  // .schemagate.toml may set under [rules.<id>].
  nlohmann::json default_options() const;
};

const std::vector<RuleInfo>& all_rules();
const RuleInfo* find_rule(std::string_view id);
// "unknown rule id 'x'; did you mean 'y'?" or without the suggestion when nothing is close.
std::string unknown_rule_message(std::string_view id);

}  // namespace sg
