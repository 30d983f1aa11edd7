// SQL line comments and where they sit, for ignore directives. The scan skips string literals,
// quoted identifiers, dollar-quoted bodies and block comments, so `'-- not a comment'` and a
// `--` inside a function body are never taken for a directive.
#pragma once

#include <string_view>
#include <vector>

#include "sql/source_file.h"

namespace sg {

struct LineComment {
  size_t offset = 0;      // byte offset of the leading "--"
  std::string_view text;  // after "--", up to the end of the line (no "\r")
  Position position;
  bool after_code = false;  // SQL precedes it on the same line
};

// For a captured script (core/source_map.h), the `//` comments of the JavaScript it came from.
std::vector<LineComment> line_comments(const SourceFile& source);

}  // namespace sg
