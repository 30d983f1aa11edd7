#include "lint/run_observations.h"

#include <set>

#include "lint/finding_sink.h"

namespace sg {
namespace {

// The rule's sink when it runs (not configured off), else nothing.
template <typename Report>
void with_rule(const RuleSet& rules, const char* id, std::vector<Finding>& out, Report report) {
  const ConfiguredRule* rule = rules.find(id);
  if (rule == nullptr || rule->severity == Severity::kOff) return;
  FindingSink sink(*rule, out);
  report(sink);
}

}  // namespace

void report_run_observations(const ParsedFile& parsed, const RuleSet& rules,
                             std::vector<Finding>& out) {
  const SourceMap* map = parsed.source->source_map();
  if (map == nullptr) return;
  const std::string& path = parsed.source->path();
  with_rule(rules, "migration-reads-environment", out, [&](FindingSink& sink) {
    for (const auto& read : map->env_reads) {
      sink.report(path, read.at,
                  "the migration reads " + read.what +
                      ": the SQL it sends may differ in production (it ran here with " +
                      map->environment + " and no other variable set)",
                  "keep what the migration sends in the file itself (a constant, not the "
                  "environment), or review its SQL with the production value by hand");
    }
  });
  with_rule(rules, "migration-runs-command", out, [&](FindingSink& sink) {
    for (const auto& command : map->commands) {
      sink.report(path, command.at,
                  "the migration runs a command (" + command.what +
                      "): schemagate ran it contained, without network or secrets; what it "
                      "does in production was not checked",
                  "move the command out of the migration (a deploy step of its own), or review "
                  "what it does in production by hand");
    }
  });
  with_rule(rules, "query-outside-transaction", out, [&](FindingSink& sink) {
    std::set<int> said;  // one call may send several queries: one finding at it
    for (const auto& stmt : parsed.statements) {
      if (stmt.from_plpgsql) continue;
      const SourceMap::Span* span = map->span_at(stmt.begin);
      if (span == nullptr || !span->outside_transaction || !said.insert(span->at.line).second) {
        continue;
      }
      sink.report(path, span->at,
                  "this query runs outside the transaction begun at line " +
                      std::to_string(span->outside_transaction->line) +
                      " (it was not passed { transaction }): it commits on its own, a later "
                      "failure does not roll it back, and it waits for the locks the "
                      "transaction holds",
                  "pass the transaction to this call as to the others: `{ transaction: t }` in "
                  "its options");
    }
  });
}

}  // namespace sg
