#include "lint/engine.h"

#include <algorithm>
#include <memory>
#include <set>

#include "lint/run_observations.h"
#include "lint/suppressions.h"
#include "lint/finding_sink.h"
#include "lint/rule.h"
#include "lint/superseded.h"
#include "sql/plpgsql.h"

namespace sg {
namespace {

class StatementEmitter : public Emitter {
 public:
  StatementEmitter(const SourceFile& source, const ConfiguredRule& rule,
                   std::vector<Finding>& out)
      : source_(source), rule_(rule), out_(out) {}

  void set_statement(const Statement* stmt) { stmt_ = stmt; }

  void report(long location, std::string message, std::string help) override {
    size_t offset = 0;
    if (stmt_ != nullptr && stmt_->text_elsewhere) {
      offset = stmt_->begin;
    } else if (location >= 0 && stmt_ != nullptr) {
      offset = static_cast<size_t>(location + stmt_->location_offset);
    } else if (location >= 0) {
      offset = static_cast<size_t>(location);
    } else if (stmt_ != nullptr) {
      offset = stmt_->begin;
    }
    Position pos = source_.position_of(offset);
    Finding f;
    f.rule_id = std::string(rule_.info->id);
    f.severity = rule_.severity;
    f.risk = rule_.info->risk;
    f.file = source_.path();
    f.line = pos.line;
    f.column = pos.column;
    f.message = std::move(message);
    f.help = std::move(help);
    out_.push_back(std::move(f));
  }

 private:
  const SourceFile& source_;
  const ConfiguredRule& rule_;
  std::vector<Finding>& out_;
  const Statement* stmt_ = nullptr;
};

struct ActiveRule {
  std::unique_ptr<Rule> rule;
  std::unique_ptr<StatementEmitter> emitter;
};

}  // namespace

FileLintResult lint_file(const SourceFile& source, const RuleSet& rules,
                         const LintOptions& options) {
  FileLintResult result;
  // The rules the engine raises itself (EngineRaisedRule), with their configured severity.
  auto engine_finding = [&](const char* id, Position pos, const std::string& message,
                            const std::string& help) {
    const ConfiguredRule* rule = rules.find(id);
    if (rule == nullptr || rule->severity == Severity::kOff) return;
    FindingSink(*rule, result.findings).report(source.path(), pos, message, help);
  };
  // syntax-error comes from here, before any rule runs: a file without a tree has nothing to
  // check.
  auto add_syntax_error = [&](const std::string& message, Position pos) {
    engine_finding("syntax-error", pos, message,
          "fix the SQL: schemagate reads it with PostgreSQL 15's own parser, and the other rules "
          "skip a file that does not parse");
  };
  if (source.problem()) {
    add_syntax_error(source.problem()->message, source.problem()->position);
    return result;
  }
  ParsedFile parsed = parse_sql(source);
  if (parsed.syntax_error) {
    add_syntax_error(parsed.syntax_error->message, parsed.syntax_error->position);
    return result;
  }
  result.parsed = true;
  result.statement_count = parsed.statements.size();
  add_body_statements(parsed);
  result.statement_risks = classify_statements(parsed);

  std::vector<ActiveRule> active;
  std::set<std::string> rules_run;
  for (const auto& configured : rules.rules()) {
    if (configured.severity == Severity::kOff || configured.info->make == nullptr) continue;
    auto rule = configured.info->make();
    if (options.direction == Direction::kDown && !rule->applies_to_down()) continue;
    if (!configured.options.empty()) rule->set_options(configured.options);
    rules_run.emplace(configured.info->id);
    active.push_back(
        {std::move(rule), std::make_unique<StatementEmitter>(source, configured, result.findings)});
  }
  // nesting-too-deep comes from here too: rules are not given a statement deeper than
  // kMaxNesting.
  LintContext ctx(parsed, options);
  for (const auto& stmt : parsed.statements) {
    if (stmt.too_deep > 0) {
      engine_finding("nesting-too-deep", stmt.position,
            "statement nested too deep to check: " + std::to_string(stmt.too_deep) +
                " levels (schemagate reads up to " + std::to_string(kMaxNesting) +
                "); no other rule checked it",
            "rewrite the generated chain as a list (VALUES rows, an IN list, an array) or review "
            "this statement by hand; the round trip still runs it");
      ctx.advance(stmt);
      continue;
    }
    size_t before = result.findings.size();
    for (auto& a : active) {
      a.emitter->set_statement(&stmt);
      a.rule->check(stmt, ctx, *a.emitter);
    }
    drop_superseded(result.findings, before);
    ctx.advance(stmt);
  }
  for (auto& a : active) {
    a.emitter->set_statement(nullptr);
    a.rule->finish(ctx, *a.emitter);
  }
  report_run_observations(parsed, rules, result.findings);
  apply_suppressions(parsed, rules, rules_run, result.findings);
  std::stable_sort(result.findings.begin(), result.findings.end(), finding_order);
  return result;
}

}  // namespace sg
