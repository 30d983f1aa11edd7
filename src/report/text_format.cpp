#include <sstream>

#include "assess/file_risk.h"
#include "report/formats.h"
#include "report/report.h"

namespace sg {
namespace {

const char* severity_colour(Severity s) { return s == Severity::kError ? "\033[31m" : "\033[33m"; }

}  // namespace

void write_text(const Report& report, std::ostream& out, bool colour) {
  const char* bold = colour ? "\033[1m" : "";
  const char* dim = colour ? "\033[2m" : "";
  const char* reset = colour ? "\033[0m" : "";
  for (const auto& f : report.findings) {
    out << bold << one_line(f.file) << ":" << f.line << ":" << f.column << ":" << reset << " "
        << (colour ? severity_colour(f.severity) : "") << to_string(f.severity) << reset << ": "
        << one_line(f.message) << " " << dim << "[" << f.rule_id << "]" << reset;
    if (f.suppressed) out << " (suppressed: " << one_line(f.suppression_reason) << ")";
    out << "\n";
    if (!f.help.empty()) out << "  help: " << one_line(f.help) << "\n";
  }
  for (const auto& risk : report.file_risks) out << one_line(summary_line(risk)) << "\n";
  Summary s = summarize(report);
  out << s.errors << (s.errors == 1 ? " error, " : " errors, ") << s.warnings
      << (s.warnings == 1 ? " warning" : " warnings");
  if (s.suppressed > 0) out << ", " << s.suppressed << " suppressed";
  out << " in " << report.files.size() << (report.files.size() == 1 ? " file" : " files") << "\n";
}

}  // namespace sg
