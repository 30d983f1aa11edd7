// `//` comments of a JavaScript file (a Sequelize migration), for ignore directives: a captured
// script's findings sit at lines of its .js, and so do the comments that suppress them. The scan
// skips strings, template literals and block comments, so `'// not a comment'` and a URL in a
// string are never taken for a directive.
#pragma once

#include <string_view>
#include <vector>

#include "sql/comments.h"

namespace sg {

// Positions are the file's own lines and columns; `text` is after the "//".
std::vector<LineComment> js_line_comments(std::string_view js);

}  // namespace sg
