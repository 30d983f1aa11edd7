// GitHub Actions: workflow-command annotations on stdout, the markdown report in the job
// summary, and step outputs. Everything echoed from SQL files is escaped, so a file cannot end
// an annotation and start a command of its own (`::add-mask::`, `::set-output::`, ...).
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

#include "report/formats.h"
#include "util/redact.h"

namespace sg {
namespace {

// GitHub's escaping for workflow-command data and properties.
std::string escape_data(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else {
      out += c;
    }
  }
  return out;
}

std::string escape_property(const std::string& s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

std::string append_to(const std::string& path, const std::string& what, const std::string& text) {
  RedactedFile out(path, std::ios::binary | std::ios::app);
  if (out) out << text;
  if (!out.close()) return what + " " + path + ": cannot append: " + std::strerror(errno);
  return "";
}

// GITHUB_OUTPUT's multiline syntax, with a delimiter the value cannot contain.
std::string output_entry(const std::string& name, const std::string& value) {
  std::random_device rd;
  std::string delimiter;
  do {
    delimiter = "ghadelimiter_" + std::to_string(rd()) + std::to_string(rd());
  } while (value.find(delimiter) != std::string::npos);
  return name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n";
}

}  // namespace

std::string write_github(const Report& report, std::ostream& out, const RenderOptions& options) {
  std::vector<const Finding*> findings;
  for (const auto& f : report.findings) {
    if (!f.suppressed) findings.push_back(&f);
  }
  // GitHub shows 10 annotations per level per step: the most severe must come first.
  std::stable_sort(findings.begin(), findings.end(), [](const Finding* a, const Finding* b) {
    return (a->severity == Severity::kError) > (b->severity == Severity::kError);
  });
  Assessment assessment = assess(report);
  for (const auto& e : report.errors) out << "::error title=schemagate::" << escape_data(e) << "\n";
  for (const auto* f : findings) {
    std::string level = f->severity == Severity::kError ? "error" : "warning";
    std::string message = f->message;
    if (!f->help.empty()) message += "\nhelp: " + f->help;
    out << "::" << level
        << " file=" << escape_property(relative_path(f->file, options.source_root))
        << ",line=" << f->line << ",col=" << f->column
        << ",title=" << escape_property(f->rule_id) << "::" << escape_data(message) << "\n";
  }
  if (!options.github_step_summary.empty()) {
    std::string error = append_to(options.github_step_summary, "$GITHUB_STEP_SUMMARY",
                                  render_markdown(report, options) + "\n");
    if (!error.empty()) return error;
  }
  if (!options.github_output.empty()) {
    std::string outputs = output_entry("risk", std::string(to_string(assessment.risk))) +
                          output_entry("findings", std::to_string(findings.size())) +
                          output_entry("errors", std::to_string(assessment.errors)) +
                          output_entry("report", options.report_path);
    std::string error = append_to(options.github_output, "$GITHUB_OUTPUT", outputs);
    if (!error.empty()) return error;
  }
  return "";
}

}  // namespace sg
