// Every --format but text, rendered from the typed report: a saved report (report_from_json,
// `schemagate comment --report report.json`) renders as the check that wrote it did.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "assess/checklist.h"
#include "report/report.h"

namespace sg {

constexpr size_t kMarkdownLimit = 65536;  // GitHub refuses longer comments
constexpr const char* kStickyMarker = "<!-- schemagate -->";

struct RenderOptions {
  std::string docs_url = "https://github.com/schemagate/schemagate/blob/main/rules/";
  ChecklistConfig checklist;
  size_t markdown_limit = kMarkdownLimit;
  // SARIF and GitLab want repo-relative paths: absolute paths under this root are shortened.
  std::string source_root;
  // github format: files GitHub Actions gives the step ("" = not in Actions: skip them).
  std::string github_step_summary;
  std::string github_output;
  std::string report_path;  // written to $GITHUB_OUTPUT as `report`

  // source_root = current directory; github_* from GITHUB_STEP_SUMMARY and GITHUB_OUTPUT.
  static RenderOptions from_environment();
};

// "json", "markdown", "github", "sarif", "gitlab".
const std::vector<std::string>& report_formats();

// Writes `report` in `format`. Returns "" or what went wrong, starting with its context
// ("$GITHUB_OUTPUT /x: cannot append: ...").
std::string write_report(const Report& report, const std::string& format, std::ostream& out,
                         const RenderOptions& options = {});

// One renderer per file (src/report/<format>_format.cpp).
std::string render_markdown(const Report& report, const RenderOptions& options);
std::string write_github(const Report& report, std::ostream& out,
                         const RenderOptions& options);
nlohmann::json render_sarif(const Report& report, const RenderOptions& options);
nlohmann::json render_gitlab(const Report& report, const RenderOptions& options);

// Shared by SARIF and GitLab: repo-relative path, and a stable fingerprint per finding.
std::string relative_path(const std::string& path, const std::string& root);
// `s` on one line: control characters (a newline in a file name, an escape sequence in a
// message) become \n, \r, \t or \xNN, so nothing from a repository can start a line of its
// own ("::error ..." read as a workflow command) or drive the terminal.
std::string one_line(const std::string& s);
std::vector<std::string> fingerprints(const std::vector<Finding>& findings, const std::string& root);

}  // namespace sg
