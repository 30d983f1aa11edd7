#include "report/report.h"

namespace sg {

Summary summarize(const Report& report) {
  Summary s;
  for (const auto& f : report.findings) {
    if (f.suppressed) {
      ++s.suppressed;
    } else if (f.severity == Severity::kError) {
      ++s.errors;
    } else if (f.severity == Severity::kWarning) {
      ++s.warnings;
    }
  }
  return s;
}

nlohmann::json to_json(const Report& report) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : report.findings) findings.push_back(to_json(f));
  Summary s = summarize(report);
  nlohmann::json j = {
      {"version", 1},
      {"tool", {{"name", "schemagate"}, {"version", SG_VERSION}}},
      {"findings", std::move(findings)},
      {"summary",
       {{"files", report.files.size()},
        {"errors", s.errors},
        {"warnings", s.warnings},
        {"suppressed", s.suppressed},
        {"runtime_errors", report.errors}}},
  };
  for (const auto& [key, value] : report.sections.items()) j[key] = value;
  return j;
}

void write_json(const Report& report, std::ostream& out) {
  out << to_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace sg
