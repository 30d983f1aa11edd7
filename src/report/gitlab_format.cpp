// GitLab's code-quality report (artifacts:reports:codequality): one entry per active finding.
#include "report/formats.h"

namespace sg {

nlohmann::json render_gitlab(const Report& report, const RenderOptions& options) {
  std::vector<std::string> prints = fingerprints(report.findings, options.source_root);
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < report.findings.size(); ++i) {
    const Finding& f = report.findings[i];
    if (f.suppressed) continue;  // GitLab has no notion of a suppressed issue
    bool error = f.severity == Severity::kError;
    std::string severity = !error ? "minor" : f.risk == Risk::kCritical ? "critical" : "major";
    out.push_back({{"description", f.message},
                   {"check_name", f.rule_id},
                   {"fingerprint", prints[i]},
                   {"severity", severity},
                   {"location",
                    {{"path", relative_path(f.file, options.source_root)},
                     {"lines", {{"begin", f.line}}}}}});
  }
  return out;
}

}  // namespace sg
