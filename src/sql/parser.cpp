#include "sql/parser.h"

#include <pg_query.h>

#include "sql/tree.h"

namespace sg {
namespace {

// Owns a pg_query parse result so every path frees it.
class ParseResultOwner {
 public:
  explicit ParseResultOwner(const std::string& sql) : result_(pg_query_parse(sql.c_str())) {}
  ~ParseResultOwner() { pg_query_free_parse_result(result_); }
  ParseResultOwner(const ParseResultOwner&) = delete;
  ParseResultOwner& operator=(const ParseResultOwner&) = delete;
  const PgQueryParseResult& get() const { return result_; }

 private:
  PgQueryParseResult result_;
};

// How deeply `json` nests objects and arrays (strings skipped), without building anything.
size_t json_nesting(const char* json) {
  size_t depth = 0;
  size_t deepest = 0;
  bool in_string = false;
  for (const char* c = json; *c != '\0'; ++c) {
    if (in_string) {
      if (*c == '\\' && c[1] != '\0') {
        ++c;
      } else if (*c == '"') {
        in_string = false;
      }
    } else if (*c == '"') {
      in_string = true;
    } else if (*c == '{' || *c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if ((*c == '}' || *c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

void mark_too_deep(const char* tree_text, std::vector<Statement>& statements, size_t from) {
  // Each node level is at least one object level, so a text that nests no deeper than
  // kMaxNesting objects and arrays holds no statement past it.
  if (tree_text == nullptr || json_nesting(tree_text) <= kMaxNesting) return;
  for (size_t i = from; i < statements.size(); ++i) {
    Statement& s = statements[i];
    if (s.node == nullptr) continue;
    size_t levels = tree::nesting(*s.node);
    if (levels > kMaxNesting) s.too_deep = levels;
  }
}

size_t skip_space_and_comments(std::string_view text, size_t i) {
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
    } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      size_t nl = text.find('\n', i);
      i = nl == std::string_view::npos ? text.size() : nl + 1;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      int depth = 0;  // PostgreSQL block comments nest.
      while (i < text.size()) {
        if (text.compare(i, 2, "/*") == 0) {
          ++depth;
          i += 2;
        } else if (text.compare(i, 2, "*/") == 0) {
          i += 2;
          if (--depth == 0) break;
        } else {
          ++i;
        }
      }
    } else {
      break;
    }
  }
  return i;
}

ParsedFile parse_sql(const SourceFile& source) {
  ParsedFile parsed;
  parsed.source = &source;
  const std::string& text = source.text();
  ParseResultOwner owner(text);
  const PgQueryParseResult& result = owner.get();
  if (result.error != nullptr) {
    SyntaxError error;
    error.message = result.error->message != nullptr ? result.error->message : "syntax error";
    // cursorpos is a 1-based character index; 0 means "at end of input".
    error.offset = result.error->cursorpos > 0
                       ? source.byte_offset_of_char(static_cast<size_t>(result.error->cursorpos))
                       : text.size();
    error.position = source.position_of(error.offset);
    parsed.syntax_error = std::move(error);
    return parsed;
  }
  parsed.tree = nlohmann::json::parse(result.parse_tree);
  auto stmts = parsed.tree.find("stmts");
  if (stmts == parsed.tree.end()) return parsed;
  parsed.statements.reserve(stmts->size());
  for (const auto& raw : *stmts) {
    // Zero values are omitted from libpg_query's JSON: location 0 and length 0 ("to the end").
    size_t location = raw.value("stmt_location", 0u);
    size_t length = raw.value("stmt_len", 0u);
    size_t end = length == 0 ? text.size() : location + length;
    const auto& stmt = raw.at("stmt");
    Statement s;
    s.kind = stmt.begin().key();
    s.node = &stmt.begin().value();
    s.begin = skip_space_and_comments(text, location);
    s.end = end;
    while (s.end > s.begin && (text[s.end - 1] == ' ' || text[s.end - 1] == '\n' ||
                               text[s.end - 1] == '\r' || text[s.end - 1] == '\t')) {
      --s.end;
    }
    s.position = source.position_of(s.begin);
    parsed.statements.push_back(std::move(s));
  }
  mark_too_deep(result.parse_tree, parsed.statements);
  return parsed;
}

}  // namespace sg
