// Writing a report where and how the user asked.
#pragma once

#include <string>
#include <vector>

#include "report/report.h"

namespace sg {

// "text" and every format of write_report (report/formats.h).
std::vector<std::string> output_formats();

// Writes `report` in `format` to `output_path` ("" = stdout), prints runtime errors and notes
// to stderr. Returns false (after printing why) when the output can't be written.
bool emit_report(const Report& report, const std::string& format, const std::string& output_path);
// Only the file: for a second copy in another format (--report-markdown), notes not repeated.
bool write_report_file(const Report& report, const std::string& format,
                       const std::string& output_path);

// "error: <line>" on stderr for each.
void print_errors(const std::vector<std::string>& errors);

}  // namespace sg
