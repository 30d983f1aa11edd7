#include "rules/database_rules.h"

#include <algorithm>

namespace sg {

#define SG_RULE(ident, id, severity, risk, summary)
#define SG_REPO_RULE(ident, id, severity, risk, summary)
#define SG_DB_RULE(ident, id, severity, risk, summary) \
  void check_##ident(const MigrationFacts& facts, FindingSink& out);
#include "rules/rules.def"
#undef SG_DB_RULE

namespace {

struct DatabaseRule {
  std::string_view id;
  void (*check)(const MigrationFacts&, FindingSink&);
};

const std::vector<DatabaseRule>& database_rules() {
  static const std::vector<DatabaseRule> kRules = {
#define SG_DB_RULE(ident, id, severity, risk, summary) {id, &check_##ident},
#include "rules/rules.def"
#undef SG_DB_RULE
  };
  return kRules;
}

}  // namespace

#undef SG_RULE
#undef SG_REPO_RULE

std::vector<Finding> run_database_rules(const std::vector<MigrationFacts>& facts,
                                        const RuleSet& rules) {
  std::vector<Finding> findings;
  for (const auto& rule : database_rules()) {
    const ConfiguredRule* configured = rules.find(rule.id);
    if (configured == nullptr || configured->severity == Severity::kOff) continue;
    FindingSink out(*configured, findings);
    for (const auto& migration : facts) rule.check(migration, out);
  }
  std::stable_sort(findings.begin(), findings.end(), finding_order);
  return findings;
}

nlohmann::json database_rule_options(std::string_view id) {
  // blocking-lock: a lock held this long at rehearsal volume is worth a finding even where the
  // static model predicted it (a 1000-row table takes milliseconds for what is instant DDL).
  if (id == "blocking-lock") return {{"hold_threshold_ms", 1000}};
  return nlohmann::json::object();
}

std::string failure_help(const ScriptFailure& failure, std::string help) {
  using StoppedBy = ScriptFailure::StoppedBy;
  if (failure.stopped_by == StoppedBy::kStatementTimeout) {
    return "a statement that runs this long on an empty scratch database runs longer on "
           "production data, holding its locks all the while: make it cheaper (batches, "
           "CONCURRENTLY, NOT VALID then VALIDATE), or raise --timeout-ms if the wait is expected";
  }
  if (failure.stopped_by == StoppedBy::kDeadline) {
    return "the whole round trip is bounded by --deadline (default 600 s): find why this "
           "statement is slow, or raise --deadline for a long history";
  }
  if (failure.sqlstate != "42501") return help;
  return "the round trip runs migrations as an ordinary role that owns the scratch database (no "
         "superuser: pull-request SQL must not reach the machine it runs on). If production runs "
         "this as a superuser, declare it in .schemagate.toml: [roundtrip] setup = [\"<script>\"] "
         "(roles, schemas; run as superuser before the history), superuser_extensions = "
         "[\"<name>\"], or migrations_as_superuser = true (every report then says so)";
}

std::string failure_text(const ScriptFailure& failure, const MigrationFacts& facts) {
  return failure.message + " (SQLSTATE " + failure.sqlstate + ")" + facts.rehearsal_volume;
}

}  // namespace sg
