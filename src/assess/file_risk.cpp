#include "assess/file_risk.h"

#include <algorithm>
#include <set>

#include "core/json_read.h"
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

std::string joined(const std::vector<std::string>& list, const char* separator, size_t limit) {
  std::string out;
  size_t shown = 0;
  for (const auto& item : list) {
    if (shown == limit) {
      out += " and " + std::to_string(list.size() - limit) + " more";
      break;
    }
    if (!out.empty()) out += separator;
    out += item;
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

void raise_file_risk(FileRisk& risk, const std::vector<const Finding*>& findings,
                     const RiskPolicy& policy) {
  Risk top = risk.risk;
  for (const Finding* f : findings) {
    if (!f->suppressed && f->severity != Severity::kOff) top = std::max(top, f->risk);
  }
  if (top > risk.risk) risk.reasons.clear();
  std::set<std::string> seen(risk.reasons.begin(), risk.reasons.end());
  for (const Finding* f : findings) {
    if (f->suppressed || f->severity == Severity::kOff || f->risk != top) continue;
    add_unique(risk.reasons, seen, f->rule_id + " at line " + std::to_string(f->line));
  }
  risk.risk = top;
  risk.approvals = policy.approvals[static_cast<size_t>(top)];
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

FileRisk file_risk_from_json(const nlohmann::json& entry, const std::string& file) {
  FileRisk r;
  r.file = file;
  r.risk = parse_risk(json_string(entry, "risk")).value_or(Risk::kLow);
  r.reasons = json_strings(entry, "risk_reasons");
  r.approvals = json_strings(entry, "approvals");
  r.compliance_tables = json_strings(entry, "compliance_tables");
  r.tables_touched = json_strings(entry, "tables_touched");
  // Older reports wrote compliance_review as the list of tables, or an object.
  auto c = entry.is_object() ? entry.find("compliance_review") : entry.end();
  r.compliance_review = !r.compliance_tables.empty() ||
                        (entry.is_object() && c != entry.end() &&
                         ((c->is_boolean() && c->get<bool>()) || c->is_object() ||
                          (c->is_array() && !c->empty())));
  return r;
}

std::string summary_line(const FileRisk& r) {
  std::string line = r.file + ": risk " + std::string(to_string(r.risk));
  if (!r.reasons.empty()) line += " (" + joined(r.reasons, "; ", kReasonsShown) + ")";
  if (!r.approvals.empty()) line += " - approvals: " + joined(r.approvals, ", ", r.approvals.size());
  if (r.compliance_review) {
    line += " - compliance review: " + joined(r.compliance_tables, ", ", kReasonsShown);
  }
  return line;
}

}  // namespace sg
