// GitLab's code-quality report (artifacts:reports:codequality): one entry per active finding.
#include "report/formats.h"

namespace sg {

nlohmann::json render_gitlab(const nlohmann::json& report, const RenderOptions& options) {
  nlohmann::json findings = report.value("findings", nlohmann::json::array());
  if (!findings.is_array()) findings = nlohmann::json::array();
  std::vector<std::string> prints = fingerprints(findings, options.source_root);
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    if (f.value("suppressed", false)) continue;  // GitLab has no notion of a suppressed issue
    bool error = str(f, "severity") == "error";
    std::string severity = !error ? "minor" : str(f, "risk") == "CRITICAL" ? "critical" : "major";
    out.push_back({{"description", str(f, "message")},
                   {"check_name", str(f, "rule_id")},
                   {"fingerprint", prints[i]},
                   {"severity", severity},
                   {"location",
                    {{"path", relative_path(str(f, "file"), options.source_root)},
                     {"lines", {{"begin", num(f, "line", 1)}}}}}});
  }
  return out;
}

}  // namespace sg
