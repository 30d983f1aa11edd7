#include "db/script_runner.h"

#include <chrono>
#include <utility>
#include <vector>

#include "sql/parser.h"

namespace sg {
namespace {

using Span = std::pair<size_t, size_t>;

ScriptFailure failure_at(const SourceFile& file, const DbError& error, size_t sent_from) {
  size_t offset = sent_from;
  if (error.query_offset >= 0) offset += static_cast<size_t>(error.query_offset);
  // Nothing after the last token means "the end of the statement": point at its start.
  offset = skip_space_and_comments(file.text(), std::min(offset, file.text().size()));
  if (offset >= file.text().size()) offset = skip_space_and_comments(file.text(), sent_from);
  std::string sqlstate = error.sqlstate.empty() ? "08006" : error.sqlstate;
  return {sqlstate, error.message, file.position_of(std::min(offset, file.text().size()))};
}

// The statements to send one by one; top-level only (PL/pgSQL bodies run inside theirs).
std::optional<ScriptFailure> split(const SourceFile& file, const Script& script,
                                   std::vector<Span>& spans) {
  if (!script.statement_spans.empty()) {
    spans = script.statement_spans;
    return std::nullopt;
  }
  ParsedFile parsed = parse_sql(file);
  if (parsed.syntax_error) {
    return ScriptFailure{"42601", parsed.syntax_error->message, parsed.syntax_error->position};
  }
  for (const auto& stmt : parsed.statements) {
    if (!stmt.from_plpgsql) spans.emplace_back(stmt.begin, stmt.end);
  }
  return std::nullopt;
}

std::optional<ScriptFailure> apply(Session& session, const SourceFile& file, const Script& script) {
  const std::string& text = file.text();
  if (script.transaction_mode == TransactionMode::kWholeFileImplicit) {
    if (auto error = session.exec(text)) return failure_at(file, *error, 0);
    return std::nullopt;
  }
  std::vector<Span> spans;
  if (auto bad = split(file, script, spans)) return bad;
  const bool wrapped = script.transaction_mode == TransactionMode::kWrappedByTool;
  if (wrapped) {
    if (auto error = session.exec("BEGIN")) return failure_at(file, *error, 0);
  }
  for (const auto& [begin, end] : spans) {
    if (auto error = session.exec(text.substr(begin, end - begin))) {
      // Leaves the session usable whether the script or the tool opened the transaction.
      session.exec("ROLLBACK");
      return failure_at(file, *error, begin);
    }
  }
  if (wrapped) {
    if (auto error = session.exec("COMMIT")) {
      size_t last = spans.empty() ? 0 : spans.back().first;
      return failure_at(file, DbError{error->sqlstate, error->message, -1}, last);
    }
  }
  return std::nullopt;
}

}  // namespace

ScriptRun run_script(Session& session, const Script& script) {
  auto started = std::chrono::steady_clock::now();
  SourceFile file(script.path, script.text);
  ScriptRun run;
  if (file.problem()) {
    run.failure = ScriptFailure{"22021", file.problem()->message, file.problem()->position};
  } else {
    run.failure = apply(session, file, script);
  }
  run.ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return run;
}

}  // namespace sg
