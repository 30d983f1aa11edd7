#include "gate/plan.h"

#include <algorithm>

#include "report/lint_report.h"
#include "sql/lock_level.h"

namespace sg {
namespace {

// The blocking table locks the statements take (lock_level.h), strongest first per statement.
std::vector<std::string> expected_locks(const Script& up) {
  std::vector<std::string> out;
  SourceFile source(up);
  if (source.problem()) return out;
  ParsedFile parsed = parse_sql(source);
  for (const auto& stmt : parsed.statements) {
    if (stmt.in_function_body) continue;  // runs when called, not while migrating
    for (const auto& lock : table_locks(stmt)) {
      out.push_back(std::string(lock_mode_name(lock.mode)) + " on " + lock.name + " (line " +
                    std::to_string(stmt.position.line) + ")");
    }
  }
  return out;
}

PlannedMigration plan_one(const MigrationStatus& s, const Config& config) {
  const Migration& m = *s.migration;
  PlannedMigration p;
  p.migration = &m;
  p.track = m.track;
  p.label = s.label;
  p.file = s.file;
  p.rollback_file = m.down ? m.down->path : "";
  if (!m.up) return p;
  p.content = written_text(*m.up);
  // JavaScript (Sequelize): its SQL is known only by running it, which `check` does.
  if (uncaptured(*m.up)) return p;
  p.transaction_mode = describe(m.up->transaction_mode);
  p.locks = expected_locks(*m.up);
  LintOptions options;
  options.pg_version = config.pg_version;
  options.transaction_mode = m.up->transaction_mode;
  Report report;
  lint_into_report(SourceFile(*m.up), config.rules, options, report,
                   config.risk);
  p.findings = report.findings;
  for (const auto& risk : report.file_risks) {
    p.risk = std::max(p.risk, risk.risk);
    p.risk_reasons.insert(p.risk_reasons.end(), risk.reasons.begin(), risk.reasons.end());
    p.approvals.insert(p.approvals.end(), risk.approvals.begin(), risk.approvals.end());
    p.compliance_review = p.compliance_review || risk.compliance_review;
  }
  p.checklist = build_checklist(assessment_of(p));
  return p;
}

}  // namespace

MigrationAssessment assessment_of(const PlannedMigration& p, const MigrationRoundTrip* roundtrip) {
  MigrationAssessment a;
  a.title = p.migration != nullptr ? p.migration->id : p.file;
  a.up_path = p.file;
  a.down_path = p.rollback_file;
  a.risk = p.risk;
  a.risk_reasons = p.risk_reasons;
  a.approvals = p.approvals;
  a.compliance_review = p.compliance_review;
  a.roundtrip = roundtrip;
  for (const auto& f : p.findings) a.findings.push_back(&f);
  return a;
}

std::string describe(TransactionMode mode) {
  switch (mode) {
    case TransactionMode::kStatementByStatement:
      return "statement by statement (autocommit; the file's own BEGIN/COMMIT apply)";
    case TransactionMode::kWholeFileImplicit:
      return "whole file in one call (one implicit transaction)";
    case TransactionMode::kWrappedByTool:
      return "one transaction per file (the tool wraps it)";
  }
  return "";
}

std::vector<PlannedMigration> plan_deployment(const TargetStatus& status, const Config& config) {
  std::vector<PlannedMigration> plan;
  for (const auto& s : status.entries) {
    if (s.state == MigrationState::kPending && s.migration != nullptr) {
      plan.push_back(plan_one(s, config));
    }
  }
  return plan;
}

nlohmann::json to_json(const PlannedMigration& p) {
  nlohmann::json checklist = nlohmann::json::array();
  for (const auto& item : p.checklist) {
    checklist.push_back({{"id", item.id},
                         {"text", item.text},
                         {"done", item.done},
                         {"evidence", item.done ? nlohmann::json(item.evidence) : nlohmann::json()}});
  }
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : p.findings) findings.push_back(to_json(f));
  bool traced = !p.traced_from.empty();  // null, not [], when no check traced this content
  nlohmann::json out = {{"version", p.label},
          {"id", p.migration != nullptr ? p.migration->id : ""},
          {"file", p.file},
          {"risk", to_string(p.risk)},
          {"risk_reasons", p.risk_reasons},
          {"approvals", p.approvals},
          {"locks", p.locks},
          {"traced_locks", traced ? nlohmann::json(p.traced_locks) : nlohmann::json()},
          {"traced_from", traced ? nlohmann::json(p.traced_from) : nlohmann::json()},
          {"lock_disagreements", p.lock_disagreements},
          {"transaction_mode", p.transaction_mode},
          {"rollback_file",
           p.rollback_file.empty() ? nlohmann::json() : nlohmann::json(p.rollback_file)},
          {"findings", std::move(findings)},
          {"checklist", std::move(checklist)}};
  if (!p.track.empty()) out["track"] = p.track;
  return out;
}

}  // namespace sg
