#include "sql/plpgsql.h"

#include <pg_query.h>

#include <algorithm>
#include <optional>

#include "sql/tree.h"

namespace sg {
namespace {

using Json = nlohmann::json;

class PlpgsqlResultOwner {
 public:
  explicit PlpgsqlResultOwner(const std::string& sql)
      : result_(pg_query_parse_plpgsql(sql.c_str())) {}
  ~PlpgsqlResultOwner() { pg_query_free_plpgsql_parse_result(result_); }
  PlpgsqlResultOwner(const PlpgsqlResultOwner&) = delete;
  PlpgsqlResultOwner& operator=(const PlpgsqlResultOwner&) = delete;
  const PgQueryPlpgsqlParseResult& get() const { return result_; }

 private:
  PgQueryPlpgsqlParseResult result_;
};

class SqlResultOwner {
 public:
  explicit SqlResultOwner(const std::string& sql) : result_(pg_query_parse(sql.c_str())) {}
  ~SqlResultOwner() { pg_query_free_parse_result(result_); }
  SqlResultOwner(const SqlResultOwner&) = delete;
  SqlResultOwner& operator=(const SqlResultOwner&) = delete;
  const PgQueryParseResult& get() const { return result_; }

 private:
  PgQueryParseResult result_;
};

struct Body {
  std::string language;
  std::string text;
  size_t file_offset = 0;
};

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'; }

// PL/pgSQL replaces a statement's INTO clause with as many spaces, so a space in `query`
// matches any byte of the file.
size_t find_query(const std::string& text, const std::string& query, size_t from) {
  if (query.empty() || query.size() > text.size()) return std::string::npos;
  for (size_t i = from; i + query.size() <= text.size(); ++i) {
    size_t k = 0;
    while (k < query.size() && (query[k] == text[i + k] || query[k] == ' ')) ++k;
    if (k == query.size()) return i;
  }
  return std::string::npos;
}

size_t line_start(const std::string& text, long lineno) {
  size_t pos = 0;
  for (long line = 1; line < lineno; ++line) {
    pos = text.find('\n', pos);
    if (pos == std::string::npos) return 0;
    ++pos;
  }
  return pos;
}

// Finds the body (`AS '...'` / `AS $$...$$`) of a DoStmt or CreateFunctionStmt in the file.
std::optional<Body> find_body(const Statement& stmt, const std::string& file_text) {
  const Json* list = tree::field(*stmt.node, stmt.kind == "DoStmt" ? "args" : "options");
  if (list == nullptr) return std::nullopt;
  Body body;
  body.language = stmt.kind == "DoStmt" ? "plpgsql" : "";
  long as_location = -1;
  for (const auto& item : *list) {
    const Json* def = tree::as(item, "DefElem");
    if (def == nullptr) continue;
    std::string name = tree::text(*def, "defname");
    const Json* arg = tree::field(*def, "arg");
    if (arg == nullptr) continue;
    if (name == "language") {
      if (const Json* s = tree::as(*arg, "String")) body.language = tree::text(*s, "sval");
    } else if (name == "as") {
      const Json* s = tree::as(*arg, "String");
      if (const Json* l = tree::as(*arg, "List")) {
        const Json* items = tree::field(*l, "items");
        // Two items is C's `AS 'obj_file', 'link_symbol'`: no SQL in it.
        if (items != nullptr && items->size() == 1) s = tree::as(items->at(0), "String");
      }
      if (s == nullptr) return std::nullopt;
      body.text = tree::text(*s, "sval");
      as_location = tree::location(*def);
    }
  }
  if (as_location < 0 || body.text.empty()) return std::nullopt;
  size_t at = file_text.find(body.text, static_cast<size_t>(as_location));
  if (at == std::string::npos || at + body.text.size() > stmt.end) return std::nullopt;
  body.file_offset = at;
  return body;
}

class BodyScanner {
 public:
  BodyScanner(ParsedFile& parsed, std::vector<Statement>& out, bool in_function)
      : parsed_(parsed), out_(out), in_function_(in_function) {}

  // Parses SQL text that starts at `file_offset` and adds its statements.
  void add_sql(const std::string& sql, size_t file_offset, bool in_loop) {
    add_parsed(sql, in_loop, static_cast<long>(file_offset), nullptr);
  }

 private:
  // Where statements parsed from text that is not verbatim in the file sit: a PL/pgSQL
  // expression read as "SELECT <expr>", or the constant string an EXECUTE runs.
  struct Span {
    size_t begin;
    size_t end;
    bool text_elsewhere;  // node locations do not point into the file
  };

  // `location_offset` maps node locations into the file; `span`, when set, is the file range
  // every statement of `sql` gets.
  void add_parsed(const std::string& sql, bool in_loop, long location_offset, const Span* span) {
    size_t file_offset = static_cast<size_t>(std::max(0L, location_offset));
    SqlResultOwner owner(sql);
    if (owner.get().error != nullptr) return;
    auto tree = std::make_unique<Json>(Json::parse(owner.get().parse_tree, nullptr, false));
    const Json* stmts = tree->is_object() ? tree::field(*tree, "stmts") : nullptr;
    if (stmts == nullptr) return;
    size_t first = out_.size();
    for (const auto& raw : *stmts) {
      const Json* wrapped = tree::field(raw, "stmt");
      if (wrapped == nullptr || !wrapped->is_object() || wrapped->empty()) continue;
      size_t location = static_cast<size_t>(tree::number(raw, "stmt_location", 0));
      size_t length = static_cast<size_t>(tree::number(raw, "stmt_len", 0));
      size_t end = length == 0 ? sql.size() : location + length;
      while (end > location && is_space(sql[end - 1])) --end;
      Statement s;
      s.kind = wrapped->begin().key();
      s.node = &wrapped->begin().value();
      s.begin = span != nullptr ? span->begin
                                : file_offset + skip_space_and_comments(sql, location);
      s.end = span != nullptr ? span->end : file_offset + end;
      s.position = parsed_.source->position_of(s.begin);
      s.from_plpgsql = true;
      s.in_loop = in_loop;
      s.in_function_body = in_function_;
      s.location_offset = location_offset;
      s.text_elsewhere = span != nullptr && span->text_elsewhere;
      out_.push_back(std::move(s));
    }
    mark_too_deep(owner.get().parse_tree, out_, first);
    parsed_.nested_trees.push_back(std::move(tree));
  }

  // A PL/pgSQL expression (an assignment's value, PERFORM, an IF or WHILE condition, RETURN, an
  // EXECUTE's string, a loop bound): read as "SELECT <expr>", so statement rules see the calls
  // in it. An EXECUTE of a constant string (or a || of constants) adds the statements it runs.
  void add_expression(const Body& body, std::string_view kind, const Json& stmt_fields,
                      const Json& expr, bool in_loop, bool executed) {
    std::string text = tree::text(expr, "query");
    auto trim = [&text] {
      while (!text.empty() && is_space(text.front())) text.erase(0, 1);
    };
    // PostgreSQL 14+ keeps an assignment whole ("x := f()", "x = f()"); PERFORM's reads
    // "SELECT f()".
    if (kind == "PLpgSQL_stmt_assign") {
      size_t assign = text.find(":=");
      size_t equals = text.find('=');
      if (assign != std::string::npos) {
        text = text.substr(assign + 2);
      } else if (equals != std::string::npos) {
        text = text.substr(equals + 1);
      }
    }
    trim();
    if (text.rfind("SELECT ", 0) == 0) text = text.substr(7);
    trim();
    size_t from = line_start(body.text, tree::number(stmt_fields, "lineno", 1));
    size_t at = find_query(body.text, text, from);
    if (at == std::string::npos) return;
    size_t begin = body.file_offset + at;
    Span span{begin, begin + text.size(), false};
    size_t first = out_.size();
    add_parsed("SELECT " + text, in_loop, static_cast<long>(begin) - 7, &span);
    for (size_t i = first; i < out_.size(); ++i) out_[i].plpgsql_expression = true;
    if (!executed || out_.size() != first + 1) return;
    const Json* targets = tree::field(*out_.back().node, "targetList");
    const Json* target = targets != nullptr && targets->size() == 1
                             ? tree::as(targets->at(0), "ResTarget")
                             : nullptr;
    const Json* value = target != nullptr ? tree::field(*target, "val") : nullptr;
    std::optional<std::string> sql = value != nullptr ? constant_string(*value) : std::nullopt;
    if (!sql) return;
    Span executed_span{begin, begin + text.size(), true};
    add_parsed(*sql, in_loop, 0, &executed_span);
  }

  // 'a' or 'a' || 'b' || ...: the string, else nullopt (a variable, a format() call).
  static std::optional<std::string> constant_string(const Json& node, size_t depth = 0) {
    if (depth > kMaxNesting) return std::nullopt;
    if (const Json* c = tree::as(node, "A_Const")) {
      const Json* s = tree::field(*c, "sval");
      if (s == nullptr) return std::nullopt;
      return tree::text(*s, "sval");
    }
    const Json* e = tree::as(node, "A_Expr");
    if (e == nullptr || tree::strings(tree::field(*e, "name")) != std::vector<std::string>{"||"}) {
      return std::nullopt;
    }
    const Json* l = tree::field(*e, "lexpr");
    const Json* r = tree::field(*e, "rexpr");
    if (l == nullptr || r == nullptr) return std::nullopt;
    auto left = constant_string(*l, depth + 1);
    auto right = left ? constant_string(*r, depth + 1) : std::nullopt;
    if (!right) return std::nullopt;
    return *left + *right;
  }

 public:
  // `input` is what the PL/pgSQL parser reads: a CREATE FUNCTION statement with `body`.
  void add_plpgsql(const std::string& input, const Body& body) {
    PlpgsqlResultOwner owner(input);
    if (owner.get().error != nullptr || owner.get().plpgsql_funcs == nullptr) return;
    Json funcs = Json::parse(owner.get().plpgsql_funcs, nullptr, false);
    if (!funcs.is_array()) return;
    for (const auto& func : funcs) {
      const Json* f = tree::as(func, "PLpgSQL_function");
      if (f == nullptr) continue;
      if (const Json* action = tree::field(*f, "action")) visit(body, *action, false);
    }
  }

 private:
  // `depth` bounds the recursion: blocks nested past kMaxNesting are not read (no stack
  // overflow on generated input; the server still runs them).
  void visit(const Body& body, const Json& node, bool in_loop, size_t depth = 0) {
    if (depth > kMaxNesting) return;
    if (node.is_array()) {
      for (const auto& item : node) visit(body, item, in_loop, depth);
      return;
    }
    std::string_view kind = tree::kind(node);
    if (kind.empty()) return;
    const Json& fields = tree::body(node);
    if (kind == "PLpgSQL_stmt_execsql") {
      add_execsql(body, fields, in_loop);
      return;
    }
    // Every expression of the statement, in the order PL/pgSQL lists them.
    bool executes = kind == "PLpgSQL_stmt_dynexecute" || kind == "PLpgSQL_stmt_dynfors";
    for (const auto& [key, child] : fields.items()) {
      const Json* expr = tree::as(child, "PLpgSQL_expr");
      if (expr != nullptr) {
        add_expression(body, kind, fields, *expr, in_loop, executes && key == "query");
      } else if (child.is_array()) {
        for (const auto& item : child) {
          if (const Json* e = tree::as(item, "PLpgSQL_expr")) {
            add_expression(body, kind, fields, *e, in_loop, false);
          }
        }
      }
    }
    static const char* const kLoops[] = {
        "PLpgSQL_stmt_loop", "PLpgSQL_stmt_while",     "PLpgSQL_stmt_fori",   "PLpgSQL_stmt_fors",
        "PLpgSQL_stmt_forc", "PLpgSQL_stmt_foreach_a", "PLpgSQL_stmt_dynfors"};
    bool loop = std::find(std::begin(kLoops), std::end(kLoops), kind) != std::end(kLoops);
    // Child statement lists; anything else (expressions, dynamic EXECUTE strings) holds none.
    static const char* const kChildren[] = {
        "body",           "then_body",  "elsif_list", "else_body", "stmts",
        "case_when_list", "else_stmts", "exceptions", "exc_list",  "action"};
    for (const char* key : kChildren) {
      if (const Json* child = tree::field(fields, key)) {
        visit(body, *child, in_loop || loop, depth + 1);
      }
    }
  }

  void add_execsql(const Body& body, const Json& fields, bool in_loop) {
    const Json* sqlstmt = tree::field(fields, "sqlstmt");
    const Json* expr = sqlstmt != nullptr ? tree::as(*sqlstmt, "PLpgSQL_expr") : nullptr;
    if (expr == nullptr) return;
    std::string query = tree::text(*expr, "query");
    // lineno is the line of the statement's first token, counted from the body's first line.
    size_t from = line_start(body.text, tree::number(fields, "lineno", 1));
    size_t at = find_query(body.text, query, from);
    if (at == std::string::npos) return;
    add_sql(body.text.substr(at, query.size()), body.file_offset + at, in_loop);
  }

  ParsedFile& parsed_;
  std::vector<Statement>& out_;
  bool in_function_;
};

std::string dollar_tag_for(const std::string& body) {
  std::string tag = "$sg_body$";
  for (int n = 0; body.find(tag) != std::string::npos; ++n) {
    tag = "$sg_body" + std::to_string(n) + "$";
  }
  return tag;
}

std::vector<Statement> body_statements(ParsedFile& parsed, const Statement& stmt) {
  std::vector<Statement> nested;
  if (stmt.kind != "DoStmt" && stmt.kind != "CreateFunctionStmt") return nested;
  const std::string& text = parsed.source->text();
  std::optional<Body> body = find_body(stmt, text);
  if (!body) return nested;
  bool in_function = stmt.kind == "CreateFunctionStmt";
  BodyScanner scanner(parsed, nested, in_function);
  if (body->language == "sql") {
    scanner.add_sql(body->text, body->file_offset, false);
  } else if (body->language == "plpgsql") {
    if (in_function) {
      // The whole statement, so parameters, OUT columns and a trigger's NEW / OLD are declared.
      scanner.add_plpgsql(text.substr(stmt.begin, stmt.end - stmt.begin), *body);
    } else {
      std::string tag = dollar_tag_for(body->text);
      scanner.add_plpgsql(
          "CREATE FUNCTION sg_do() RETURNS void LANGUAGE plpgsql AS " + tag + body->text + tag,
          *body);
    }
  }
  std::stable_sort(nested.begin(), nested.end(),
                   [](const Statement& a, const Statement& b) { return a.begin < b.begin; });
  return nested;
}

}  // namespace

void add_body_statements(ParsedFile& parsed) {
  std::vector<Statement> all;
  all.reserve(parsed.statements.size());
  for (auto& stmt : parsed.statements) {
    std::vector<Statement> nested = body_statements(parsed, stmt);
    all.push_back(std::move(stmt));
    for (auto& n : nested) all.push_back(std::move(n));
  }
  parsed.statements = std::move(all);
}

}  // namespace sg
