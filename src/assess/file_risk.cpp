#include "assess/file_risk.h"

#include <algorithm>
#include <set>

#include "util/lower.h"

namespace sg {
namespace {

std::string bare(const std::string& name) { return name.substr(name.rfind('.') + 1); }

// A regulated table matches by name; the schemas must agree only when both sides name one
// (the search path decides what an unqualified name means).
bool is_compliance_table(const std::string& touched, const std::vector<std::string>& regulated) {
  for (const auto& table : regulated) {
    if (lower(bare(table)) != lower(bare(touched))) continue;
    bool both_qualified =
        table.find('.') != std::string::npos && touched.find('.') != std::string::npos;
    if (!both_qualified || lower(table) == lower(touched)) return true;
  }
  return false;
}

void add_unique(std::vector<std::string>& list, std::set<std::string>& seen, std::string item) {
  if (seen.insert(item).second) list.push_back(std::move(item));
}

// The text line stays one readable line; the JSON keeps every reason.
constexpr size_t kReasonsShown = 3;

std::string joined(const nlohmann::json& list, const char* separator, size_t limit) {
  std::string out;
  size_t shown = 0;
  for (const auto& item : list) {
    if (shown == limit) {
      out += " and " + std::to_string(list.size() - limit) + " more";
      break;
    }
    if (!out.empty()) out += separator;
    out += item.get<std::string>();
    ++shown;
  }
  return out;
}

}  // namespace

FileRisk assess_file_risk(const std::string& file, const StatementRisks& statements,
                          const std::vector<Finding>& findings, const RiskPolicy& policy) {
  FileRisk out;
  out.file = file;
  for (const auto& reason : statements.reasons) out.risk = std::max(out.risk, reason.risk);
  for (const auto& f : findings) {
    if (f.suppressed || f.severity == Severity::kOff) continue;
    out.risk = std::max(out.risk, f.risk);
  }
  std::set<std::string> seen;
  for (const auto& reason : statements.reasons) {
    if (reason.risk == out.risk) add_unique(out.reasons, seen, reason.text);
  }
  for (const auto& f : findings) {
    if (f.suppressed || f.severity == Severity::kOff || f.risk != out.risk) continue;
    add_unique(out.reasons, seen, f.rule_id + " at line " + std::to_string(f.line));
  }
  out.approvals = policy.approvals[static_cast<size_t>(out.risk)];
  out.tables_touched = statements.tables_touched;
  for (const auto& table : statements.tables_touched) {
    if (is_compliance_table(table, policy.compliance_tables))
      out.compliance_tables.push_back(table);
  }
  out.compliance_review = !out.compliance_tables.empty();
  return out;
}

FileRisk assess_file_risk(const ParsedFile& file, const std::vector<Finding>& findings,
                          const RiskPolicy& policy) {
  return assess_file_risk(file.source->path(), classify_statements(file), findings, policy);
}

nlohmann::json to_json(const FileRisk& risk) {
  return {{"file", risk.file},
          {"risk", to_string(risk.risk)},
          {"risk_reasons", risk.reasons},
          {"approvals", risk.approvals},
          {"compliance_review", risk.compliance_review},
          {"compliance_tables", risk.compliance_tables},
          {"tables_touched", risk.tables_touched}};
}

std::vector<Risk> file_risks(const nlohmann::json& files_section) {
  std::vector<Risk> out;
  if (!files_section.is_array()) return out;
  for (const auto& entry : files_section) {
    if (auto risk = parse_risk(entry.value("risk", ""))) out.push_back(*risk);
  }
  return out;
}

std::string summary_line(const nlohmann::json& entry) {
  std::string line = entry.value("file", "") + ": risk " + entry.value("risk", "LOW");
  const auto& reasons = entry.value("risk_reasons", nlohmann::json::array());
  if (!reasons.empty()) line += " (" + joined(reasons, "; ", kReasonsShown) + ")";
  const auto& approvals = entry.value("approvals", nlohmann::json::array());
  if (!approvals.empty()) line += " - approvals: " + joined(approvals, ", ", approvals.size());
  if (entry.value("compliance_review", false)) {
    line += " - compliance review: " +
            joined(entry.value("compliance_tables", nlohmann::json::array()), ", ", kReasonsShown);
  }
  return line;
}

}  // namespace sg
