#include "rules/history.h"

#include <algorithm>

namespace sg {

#define SG_RULE(ident, id, severity, risk, summary)
#define SG_REPO_RULE(ident, id, severity, risk, summary) \
  void check_##ident(const MigrationSet& set, FindingSink& out);
#define SG_DB_RULE(ident, id, severity, risk, summary)
#include "rules/rules.def"
#undef SG_REPO_RULE

namespace {

struct HistoryRule {
  std::string_view id;
  void (*check)(const MigrationSet&, FindingSink&);
};

const std::vector<HistoryRule>& history_rules() {
  static const std::vector<HistoryRule> kRules = {
#define SG_REPO_RULE(ident, id, severity, risk, summary) {id, &check_##ident},
#include "rules/rules.def"
#undef SG_REPO_RULE
  };
  return kRules;
}

}  // namespace

#undef SG_RULE
#undef SG_DB_RULE

std::vector<Finding> run_history_rules(const MigrationSet& set, const RuleSet& rules) {
  std::vector<Finding> findings;
  for (const auto& rule : history_rules()) {
    const ConfiguredRule* configured = rules.find(rule.id);
    if (configured == nullptr || configured->severity == Severity::kOff) continue;
    FindingSink out(*configured, findings);
    rule.check(set, out);
  }
  std::stable_sort(findings.begin(), findings.end(), finding_order);
  return findings;
}

}  // namespace sg
