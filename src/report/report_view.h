// Reads the report's JSON (to_json(Report), the public contract) into what every renderer needs:
// the overall risk and verdict, and one group per migration (or per file, for `lint`). Every
// section is optional: `lint` has no "migrations", "files" or "roundtrip", and a report saved by
// an older schemagate may lack some, so readers take defaults instead of failing.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sg {

struct MigrationView {
  std::string title;               // migration id, or the file path without a migration
  std::vector<std::string> paths;  // up first, then down
  std::string up_path;
  std::string down_path;
  std::string change;  // "added", ... or "" when unknown
  std::string risk;    // "LOW" .. "CRITICAL"
  std::vector<std::string> risk_reasons;
  std::vector<std::string> approvals;
  bool compliance_review = false;
  const nlohmann::json* roundtrip = nullptr;    // entry of report["roundtrip"], if any
  std::vector<const nlohmann::json*> findings;  // every finding in `paths`, report order
};

struct ReportView {
  std::string risk;     // highest risk over the migrations, "LOW" when nothing is risky
  std::string verdict;  // "PASS" | "FAIL"
  size_t errors = 0;    // unsuppressed error findings
  size_t warnings = 0;
  size_t suppressed = 0;
  std::vector<std::string> runtime_errors;
  // How the pull request's SQL was contained, when that is worth a reader's eye (it ran as
  // superuser, the server had network access, a superuser setup ran): JSON containment.notes.
  std::vector<std::string> containment_notes;
  std::vector<MigrationView> migrations;
};

// `report` must outlive the view: the view points into it.
ReportView make_view(const nlohmann::json& report);

int risk_rank(const std::string& risk);  // LOW 0 .. CRITICAL 3, unknown -1
// A string field, or `fallback` when absent or not a string.
std::string str(const nlohmann::json& j, const char* key, const std::string& fallback = "");
long long num(const nlohmann::json& j, const char* key, long long fallback = 0);

}  // namespace sg
