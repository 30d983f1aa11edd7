#include "lint/registry.h"

#include "util/did_you_mean.h"

namespace sg {

#define SG_RULE(ident, id, severity, risk, summary) std::unique_ptr<Rule> make_##ident();
#include "rules/rules.def"
#undef SG_RULE

const std::vector<RuleInfo>& all_rules() {
  static const std::vector<RuleInfo> kRules = {
#define SG_RULE(ident, id, severity, risk, summary) \
  {id, #ident, Severity::severity, Risk::risk, summary, &make_##ident},
#include "rules/rules.def"
#undef SG_RULE
  };
  return kRules;
}

const RuleInfo* find_rule(std::string_view id) {
  for (const auto& rule : all_rules()) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

std::string unknown_rule_message(std::string_view id) {
  std::vector<std::string> ids;
  for (const auto& rule : all_rules()) ids.emplace_back(rule.id);
  return "unknown rule id '" + std::string(id) + "'" + did_you_mean(id, ids);
}

}  // namespace sg
