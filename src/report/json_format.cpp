// The JSON contract, both ways: written once here, read back here.
#include <cmath>

#include "core/json_read.h"
#include "report/report.h"

namespace sg {

Assessment assess(const Report& report) {
  static const std::vector<MigrationRoundTrip> kNone;
  return assess(AssessInput{report.findings, report.file_risks, report.migrations,
                            report.roundtrip ? report.roundtrip->migrations : kNone,
                            report.errors});
}

nlohmann::json to_json(const Report& report) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : report.findings) findings.push_back(to_json(f));
  Summary s = summarize(report);
  nlohmann::json j = {
      {"version", 1},
      {"tool", {{"name", "schemagate"}, {"version", report.tool_version}}},
      {"findings", std::move(findings)},
      {"summary",
       {{"files", report.files.size()},
        {"errors", s.errors},
        {"warnings", s.warnings},
        {"suppressed", s.suppressed},
        {"runtime_errors", report.errors}}},
  };
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : report.file_risks) files.push_back(to_json(f));
  j["files"] = std::move(files);
  if (report.lists_migrations || !report.migrations.empty()) {
    Assessment assessment = assess(report);
    nlohmann::json migrations = nlohmann::json::array();
    for (const auto& m : report.migrations) {
      nlohmann::json entry = to_json(m);
      for (const auto& a : assessment.migrations) {
        if (a.title == m.id) entry["risk"] = to_string(a.risk);
      }
      migrations.push_back(std::move(entry));
    }
    j["migrations"] = std::move(migrations);
  }
  if (report.lists_migrations) j["review_all"] = report.review_all;
  if (report.history) {
    j["history"] = {{"migrations", report.history->migrations},
                    {"ms", std::llround(report.history->ms)}};
  }
  if (report.roundtrip) j["roundtrip"] = to_json(*report.roundtrip);
  if (report.containment) j["containment"] = to_json(*report.containment);
  return j;
}

namespace {

std::vector<FileRisk> file_risks_from_json(const nlohmann::json& files) {
  std::vector<FileRisk> out;
  if (files.is_array()) {
    for (const auto& entry : files) {
      out.push_back(file_risk_from_json(entry, json_string(entry, "file", json_string(entry, "path"))));
    }
  } else if (files.is_object()) {
    for (const auto& [path, entry] : files.items()) out.push_back(file_risk_from_json(entry, path));
  }
  return out;
}

}  // namespace

Result<Report> report_from_json(const nlohmann::json& json) {
  if (!json.is_object()) return Result<Report>::fail("not a JSON object");
  Report r;
  for (const auto& f : json_array(json, "findings")) r.findings.push_back(finding_from_json(f));
  const nlohmann::json& summary = json.contains("summary") ? json["summary"] : nlohmann::json();
  r.errors = json_strings(summary, "runtime_errors");
  // The file list itself is not saved, only its size: keep the count right.
  r.files.assign(static_cast<size_t>(json_number(summary, "files")), "");
  if (json.contains("files")) r.file_risks = file_risks_from_json(json["files"]);
  r.lists_migrations = json.contains("migrations");
  for (const auto& m : json_array(json, "migrations")) {
    r.migrations.push_back(reported_migration_from_json(m));
  }
  r.review_all = json_bool(json, "review_all");
  if (json.contains("history") && json["history"].is_object()) {
    r.history = Report::History{static_cast<int>(json_number(json["history"], "migrations")),
                                json_number(json["history"], "ms")};
  }
  if (json.contains("roundtrip")) r.roundtrip = roundtrip_results_from_json(json["roundtrip"]);
  if (json.contains("containment") && json["containment"].is_object()) {
    r.containment = containment_from_json(json["containment"]);
  }
  if (json.contains("tool")) r.tool_version = json_string(json["tool"], "version", SG_VERSION);
  return {std::move(r), ""};
}

void write_json(const Report& report, std::ostream& out) {
  out << to_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace sg
