#include "sql/js_comments.h"

namespace sg {

std::vector<LineComment> js_line_comments(std::string_view s) {
  std::vector<LineComment> out;
  int line = 1;
  size_t line_start = 0;
  bool line_has_code = false;
  auto position = [&](size_t at) {
    int column = 1;
    for (size_t k = line_start; k < at; ++k) {
      if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) ++column;
    }
    return Position{line, column};
  };
  // Moves past `i`, counting a newline it crosses.
  auto step = [&](size_t& i) {
    if (s[i] == '\n') {
      ++line;
      line_start = i + 1;
      line_has_code = false;
    }
    ++i;
  };
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (s.compare(i, 2, "//") == 0) {
      size_t end = s.find('\n', i);
      if (end == std::string_view::npos) end = s.size();
      std::string_view text = s.substr(i + 2, end - i - 2);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      out.push_back({i, text, position(i), line_has_code});
      i = end;
    } else if (s.compare(i, 2, "/*") == 0) {
      size_t end = s.find("*/", i + 2);
      size_t stop = end == std::string_view::npos ? s.size() : end + 2;
      while (i < stop) step(i);
    } else if (c == '\'' || c == '"' || c == '`') {
      line_has_code = true;
      ++i;
      while (i < s.size() && s[i] != c) {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        // A plain string ends at its line; a template literal runs on.
        if (s[i] == '\n' && c != '`') break;
        step(i);
      }
      if (i < s.size() && s[i] == c) ++i;
    } else {
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') line_has_code = true;
      step(i);
    }
  }
  return out;
}

}  // namespace sg
