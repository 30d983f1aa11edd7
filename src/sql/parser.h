// The SQL front end: libpg_query's parse tree, split into statements with exact positions.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sql/source_file.h"

namespace sg {

struct Statement {
  std::string kind;                     // node type, e.g. "IndexStmt"
  const nlohmann::json* node = nullptr;  // the node's fields (the object under `kind`)
  size_t begin = 0;  // byte offset of the first real token (after comments and blank lines)
  size_t end = 0;    // byte offset just past the statement's last token (before its `;`)
  Position position;  // of `begin`
  // Set for statements found inside a DO block or a function body (PL/pgSQL), which run
  // in the transaction of the statement that contains them.
  bool from_plpgsql = false;
  // For PL/pgSQL statements: true when inside a loop (batching loops are not unbatched).
  bool in_loop = false;
  // For PL/pgSQL and SQL-function statements: true inside a CREATE FUNCTION / PROCEDURE body,
  // which runs when called, not while the migration runs (DO blocks run at once).
  bool in_function_body = false;
  // Added to node "location" fields to get a file offset (non-zero for PL/pgSQL statements,
  // whose locations count from the start of their own query text).
  long location_offset = 0;
  // How deep the tree nests when that is past kMaxNesting, else 0. Rules skip such a
  // statement (the engine reports nesting-too-deep instead); it still runs on the server.
  size_t too_deep = 0;
  // The statement's text is not in the file (an EXECUTE of a constant string): node locations
  // point into that string, so findings go to `begin`, the EXECUTE's expression.
  bool text_elsewhere = false;
  // A PL/pgSQL expression (an assignment's value, a condition, PERFORM, RETURN) read as
  // "SELECT <expr>": not a statement of its own, but rules see the calls in it.
  bool plpgsql_expression = false;
};

// The deepest statement tree rules are given. Generated SQL can nest far deeper (a
// 25,000-term sum); real migrations stay in the tens, a 1,000-way UNION ALL of seed rows in
// the thousands.
constexpr size_t kMaxNesting = 5000;

// Sets `too_deep` on each of `statements` from index `from` on nested past kMaxNesting.
// `tree_text` is the JSON they were parsed from: one cheap scan of it finds the common case,
// nothing that deep.
void mark_too_deep(const char* tree_text, std::vector<Statement>& statements, size_t from = 0);

struct SyntaxError {
  std::string message;
  size_t offset = 0;
  Position position;
};

struct ParsedFile {
  const SourceFile* source = nullptr;
  nlohmann::json tree;  // owns every top-level Statement::node
  // Trees of statements parsed out of PL/pgSQL bodies; unique_ptr keeps node pointers stable.
  std::vector<std::unique_ptr<nlohmann::json>> nested_trees;
  std::vector<Statement> statements;
  std::optional<SyntaxError> syntax_error;
};

// Parses the whole file with pg_query_parse. On a syntax error `statements` is empty and
// `syntax_error` says where. The SourceFile must outlive the result and have no problem().
ParsedFile parse_sql(const SourceFile& source);

// Skips whitespace and SQL comments (`--` lines, nested `/* */`) from `offset`.
size_t skip_space_and_comments(std::string_view text, size_t offset);

}  // namespace sg
