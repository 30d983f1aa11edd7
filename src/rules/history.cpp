#include "rules/history.h"

#include <algorithm>

namespace sg {

#define SG_RULE(ident, id, severity, risk, summary)
#define SG_REPO_RULE(ident, id, severity, risk, summary) \
  void check_##ident(const MigrationSet& set, HistoryEmitter& out);
#define SG_DB_RULE(ident, id, severity, risk, summary)
#include "rules/rules.def"
#undef SG_REPO_RULE

namespace {

struct HistoryRule {
  std::string_view id;
  void (*check)(const MigrationSet&, HistoryEmitter&);
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

void HistoryEmitter::report(const std::string& path, int line, std::string message,
                            std::string help) {
  Finding f;
  f.rule_id = std::string(rule_.info->id);
  f.severity = rule_.severity;
  f.risk = rule_.info->risk;
  f.file = path;
  f.line = line;
  f.column = 1;
  f.message = std::move(message);
  f.help = std::move(help);
  out_.push_back(std::move(f));
}

std::vector<Finding> run_history_rules(const MigrationSet& set, const RuleSet& rules) {
  std::vector<Finding> findings;
  for (const auto& rule : history_rules()) {
    const ConfiguredRule* configured = rules.find(rule.id);
    if (configured == nullptr || configured->severity == Severity::kOff) continue;
    HistoryEmitter out(*configured, findings);
    rule.check(set, out);
  }
  std::stable_sort(findings.begin(), findings.end(), finding_order);
  return findings;
}

}  // namespace sg
