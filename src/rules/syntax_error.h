#pragma once

#include <string>

#include "core/finding.h"
#include "sql/source_file.h"

namespace sg {

// The finding for a file that does not parse (or is binary / not UTF-8).
Finding make_syntax_error_finding(const std::string& path, const std::string& message,
                                  Position position, Severity severity);

}  // namespace sg
