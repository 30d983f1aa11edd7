#include "cli/output.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

namespace sg {
namespace {

bool colour_wanted() { return isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr; }

void write(const Report& report, const std::string& format, std::ostream& out, bool colour) {
  if (format == "json") {
    write_json(report, out);
  } else {
    write_text(report, out, colour);
  }
}

}  // namespace

bool emit_report(const Report& report, const std::string& format, const std::string& output_path) {
  for (const auto& note : report.notes) std::cerr << "note: " << note << "\n";
  for (const auto& error : report.errors) std::cerr << "error: " << error << "\n";
  if (output_path.empty()) {
    write(report, format, std::cout, colour_wanted());
    return true;
  }
  std::ofstream out(output_path, std::ios::binary | std::ios::trunc);
  if (out) write(report, format, out, false);
  if (!out) {
    std::cerr << "error: " << output_path << ": cannot write the report\n";
    return false;
  }
  return true;
}

}  // namespace sg
