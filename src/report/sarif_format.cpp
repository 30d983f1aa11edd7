// SARIF 2.1.0 as GitHub code scanning accepts it: rules carry their descriptions and doc page,
// results carry repo-relative locations and fingerprints that survive line moves.
#include <map>

#include "core/rule_info.h"
#include "lint/rule_docs.h"
#include "report/formats.h"

namespace sg {
namespace {

// The doc page's first paragraph after the title and the severity line.
std::string first_paragraph(std::string_view markdown) {
  std::string para;
  size_t pos = 0;
  while (pos < markdown.size()) {
    size_t end = markdown.find('\n', pos);
    if (end == std::string_view::npos) end = markdown.size();
    std::string line(markdown.substr(pos, end - pos));
    pos = end + 1;
    bool skip = line.empty() || line[0] == '#' || line.rfind("**Severity", 0) == 0;
    if (skip && !para.empty()) break;
    if (!skip) para += (para.empty() ? "" : " ") + line;
  }
  return para;
}

nlohmann::json rule_entry(const std::string& id, const RenderOptions& o) {
  std::string summary = id;
  std::string level = "warning";
  std::string doc;
  if (const RuleInfo* info = find_rule(id)) {
    summary = std::string(info->summary);
    level = info->default_severity == Severity::kError ? "error" : "warning";
  }
  for (const auto& d : rule_docs()) {
    if (d.id == id) doc = std::string(d.markdown);
  }
  std::string full = doc.empty() ? summary : first_paragraph(doc);
  return {
      {"id", id},
      {"name", id},
      {"shortDescription", {{"text", summary}}},
      {"fullDescription", {{"text", full.empty() ? summary : full}}},
      {"helpUri", o.docs_url + id + ".md"},
      {"help", {{"text", doc.empty() ? summary : doc}, {"markdown", doc.empty() ? summary : doc}}},
      {"defaultConfiguration", {{"level", level}}}};
}

}  // namespace

nlohmann::json render_sarif(const Report& report, const RenderOptions& options) {
  const std::vector<Finding>& findings = report.findings;
  std::map<std::string, size_t> rule_index;
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& f : findings) {
    if (rule_index.emplace(f.rule_id, rules.size()).second) {
      rules.push_back(rule_entry(f.rule_id, options));
    }
  }
  std::vector<std::string> prints = fingerprints(findings, options.source_root);
  nlohmann::json results = nlohmann::json::array();
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    nlohmann::json r = {
        {"ruleId", f.rule_id},
        {"ruleIndex", rule_index[f.rule_id]},
        {"level", f.severity == Severity::kError ? "error" : "warning"},
        {"message", {{"text", f.message + (f.help.empty() ? "" : "\nhelp: " + f.help)}}},
        {"locations",
         {{{"physicalLocation",
            {{"artifactLocation",
              {{"uri", relative_path(f.file, options.source_root)}, {"uriBaseId", "%SRCROOT%"}}},
             {"region", {{"startLine", f.line}, {"startColumn", f.column}}}}}}}},
        {"partialFingerprints", {{"schemagate/v1", prints[i]}}},
    };
    if (f.suppressed) {
      r["suppressions"] = {{{"kind", "inSource"}, {"justification", f.suppression_reason}}};
    }
    results.push_back(std::move(r));
  }
  nlohmann::json run = {{"tool",
                         {{"driver",
                           {{"name", "schemagate"},
                            {"version", report.tool_version},
                            {"informationUri", "https://github.com/schemagate/schemagate"},
                            {"rules", rules}}}}},
                        {"results", results}};
  // How the pull request's SQL was contained (role, superuser, network, setup) rides along.
  if (report.containment) {
    run["properties"] = {{"containment", to_json(*report.containment)}};
  }
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", nlohmann::json::array({run})}};
}

}  // namespace sg
