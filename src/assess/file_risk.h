// The risk of a migration file (seeds 003/004, RULES.md "Risk of a migration"): the highest risk
// among its unsuppressed findings, and at least what its statements do when nothing is flagged.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/risk_policy.h"
#include "lint/statement_risk.h"
#include "sql/parser.h"

namespace sg {

struct FileRisk {
  std::string file;
  Risk risk = Risk::kLow;
  std::vector<std::string> reasons;  // what raised the file to `risk` (the top level only)
  std::vector<std::string> approvals;
  bool compliance_review = false;
  std::vector<std::string> compliance_tables;  // the regulated tables it touches
  std::vector<std::string> tables_touched;
};

FileRisk assess_file_risk(const std::string& file, const StatementRisks& statements,
                          const std::vector<Finding>& findings, const RiskPolicy& policy);
FileRisk assess_file_risk(const ParsedFile& file, const std::vector<Finding>& findings,
                          const RiskPolicy& policy);

// Raises `risk` (an up file's) to the highest of `findings` (what the round trip found about
// its migration: migration-failed, rollback-incomplete), with their reasons and the policy's
// approvals for the new level, so the text line, JSON and comment agree on one risk.
void raise_file_risk(FileRisk& risk, const std::vector<const Finding*>& findings,
                     const RiskPolicy& policy);

// {"file","risk","risk_reasons","approvals","compliance_review","compliance_tables",
//  "tables_touched"}: one entry of the report's "files" section.
nlohmann::json to_json(const FileRisk& risk);
// An entry of a saved report's "files" (older reports key it by path: `file` names it then).
FileRisk file_risk_from_json(const nlohmann::json& entry, const std::string& file);
// "002_x.sql: risk HIGH (drops column users.legacy) - approvals: VP Engineering, CTO"
std::string summary_line(const FileRisk& risk);

}  // namespace sg
