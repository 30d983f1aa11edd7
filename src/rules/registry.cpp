#include "core/rule_info.h"
#include "lint/rule.h"
#include "rules/database_rules.h"

#include "util/did_you_mean.h"

namespace sg {

#define SG_RULE(ident, id, severity, risk, summary) std::unique_ptr<Rule> make_##ident();
#define SG_REPO_RULE(ident, id, severity, risk, summary)
#define SG_DB_RULE(ident, id, severity, risk, summary)
#include "rules/rules.def"
#undef SG_RULE
#undef SG_REPO_RULE
#undef SG_DB_RULE

const std::vector<RuleInfo>& all_rules() {
  static const std::vector<RuleInfo> kRules = {
#define SG_RULE(ident, id, severity, risk, summary) \
  {id, #ident, Severity::severity, Risk::risk, summary, &make_##ident, RuleKind::kStatement},
#define SG_REPO_RULE(ident, id, severity, risk, summary) \
  {id, #ident, Severity::severity, Risk::risk, summary, nullptr, RuleKind::kRepository},
#define SG_DB_RULE(ident, id, severity, risk, summary) \
  {id, #ident, Severity::severity, Risk::risk, summary, nullptr, RuleKind::kDatabase},
#include "rules/rules.def"
#undef SG_RULE
#undef SG_REPO_RULE
#undef SG_DB_RULE
  };
  return kRules;
}

nlohmann::json RuleInfo::default_options() const {
  if (kind == RuleKind::kDatabase) return database_rule_options(id);
  return make != nullptr ? make()->default_options() : nlohmann::json::object();
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
