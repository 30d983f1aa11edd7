#include "cli/output.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "report/formats.h"
#include "util/redact.h"

namespace sg {
namespace {

bool colour_wanted() { return isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr; }

// Every format renders from the typed report, as `comment` does from a saved one.
std::string write(const Report& report, const std::string& format, std::ostream& out, bool colour,
                  const std::string& output_path) {
  if (format == "text") {
    write_text(report, out, colour);
    return "";
  }
  RenderOptions options = RenderOptions::from_environment();
  options.report_path = output_path;
  return write_report(report, format, out, options);
}

bool report_error(const std::string& error) {
  if (!error.empty()) std::cerr << "error: " << error << "\n";
  return error.empty();
}

}  // namespace

std::vector<std::string> output_formats() {
  std::vector<std::string> formats{"text"};
  for (const auto& f : report_formats()) formats.push_back(f);
  return formats;
}

bool emit_report(const Report& report, const std::string& format, const std::string& output_path) {
  for (const auto& note : report.notes) std::cerr << "note: " << one_line(note) << "\n";
  for (const auto& error : report.errors) std::cerr << "error: " << one_line(error) << "\n";
  if (output_path.empty()) {
    return report_error(write(report, format, std::cout, colour_wanted(), ""));
  }
  return write_report_file(report, format, output_path);
}

bool write_report_file(const Report& report, const std::string& format,
                       const std::string& output_path) {
  RedactedFile out(output_path, std::ios::binary | std::ios::trunc);
  std::string error;
  if (out) error = write(report, format, out, false, output_path);
  if (!out.close()) {
    std::cerr << "error: " << output_path << ": cannot write the report\n";
    return false;
  }
  return report_error(error);
}

void print_errors(const std::vector<std::string>& errors) {
  for (const auto& e : errors) std::cerr << "error: " << e << "\n";
}

}  // namespace sg
