#include "sql/comments.h"

#include <cctype>

#include "sql/js_comments.h"

namespace sg {
namespace {

bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Index just past a quoted run that starts at `i` with `quote`; a doubled quote escapes it,
// and in E'' strings so does a backslash.
size_t skip_quoted(std::string_view s, size_t i, char quote, bool backslash_escapes) {
  for (++i; i < s.size(); ++i) {
    if (backslash_escapes && s[i] == '\\') {
      ++i;
    } else if (s[i] == quote) {
      if (i + 1 < s.size() && s[i + 1] == quote) {
        ++i;
      } else {
        return i + 1;
      }
    }
  }
  return s.size();
}

// `$tag$` at `i` (tag possibly empty): its length, or 0 when `i` starts no dollar quote
// (a parameter like $1, or a `$` inside an identifier).
size_t dollar_tag_length(std::string_view s, size_t i) {
  if (i > 0 && is_ident_char(s[i - 1])) return 0;
  size_t j = i + 1;
  if (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) != 0) return 0;
  while (j < s.size() && is_ident_char(s[j]) && s[j] != '$') ++j;
  if (j < s.size() && s[j] == '$') return j - i + 1;
  return 0;
}

size_t skip_block_comment(std::string_view s, size_t i) {
  int depth = 0;  // PostgreSQL block comments nest.
  while (i < s.size()) {
    if (s.compare(i, 2, "/*") == 0) {
      ++depth;
      i += 2;
    } else if (s.compare(i, 2, "*/") == 0) {
      i += 2;
      if (--depth == 0) return i;
    } else {
      ++i;
    }
  }
  return s.size();
}

}  // namespace

std::vector<LineComment> line_comments(const SourceFile& source) {
  if (const SourceMap* map = source.source_map()) return js_line_comments(map->original);
  std::string_view s = source.text();
  std::vector<LineComment> out;
  bool line_has_code = false;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') {
      line_has_code = false;
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
    } else if (s.compare(i, 2, "--") == 0) {
      size_t end = s.find('\n', i);
      if (end == std::string_view::npos) end = s.size();
      std::string_view text = s.substr(i + 2, end - i - 2);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      out.push_back({i, text, source.position_of(i), line_has_code});
      i = end;
    } else if (s.compare(i, 2, "/*") == 0) {
      i = skip_block_comment(s, i);
    } else if (c == '\'') {
      bool escapes =
          i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e') && (i < 2 || !is_ident_char(s[i - 2]));
      i = skip_quoted(s, i, '\'', escapes);
      line_has_code = true;
    } else if (c == '"') {
      i = skip_quoted(s, i, '"', false);
      line_has_code = true;
    } else if (c == '$' && dollar_tag_length(s, i) > 0) {
      size_t len = dollar_tag_length(s, i);
      size_t close = s.find(s.substr(i, len), i + len);
      i = close == std::string_view::npos ? s.size() : close + len;
      line_has_code = true;
    } else {
      line_has_code = true;
      ++i;
    }
  }
  return out;
}

}  // namespace sg
