#include "db/script_runner.h"

#include <chrono>
#include <utility>
#include <vector>

#include "db/statement_class.h"
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

struct ClassifiedSpan {
  size_t begin = 0;
  size_t end = 0;
  StatementClass kind = StatementClass::kPlain;
};

StatementClass class_of_text(const Script& script, size_t begin, size_t end) {
  SourceFile piece(script.path, script.text.substr(begin, end - begin));
  ParsedFile parsed = parse_sql(piece);
  if (parsed.syntax_error || parsed.statements.empty()) return StatementClass::kPlain;
  return classify_statement(parsed.statements.front());
}

std::optional<ScriptFailure> split_classified(const SourceFile& file, const Script& script,
                                              std::vector<ClassifiedSpan>& out) {
  if (!script.statement_spans.empty()) {
    for (const auto& [begin, end] : script.statement_spans) {
      out.push_back({begin, end, class_of_text(script, begin, end)});
    }
    return std::nullopt;
  }
  ParsedFile parsed = parse_sql(file);
  if (parsed.syntax_error) {
    return ScriptFailure{"42601", parsed.syntax_error->message, parsed.syntax_error->position};
  }
  for (const auto& stmt : parsed.statements) {
    if (!stmt.from_plpgsql) out.push_back({stmt.begin, stmt.end, classify_statement(stmt)});
  }
  return std::nullopt;
}

std::optional<ScriptFailure> commit(Session& session, const SourceFile& file, size_t at) {
  if (auto error = session.exec("COMMIT")) {
    return failure_at(file, DbError{error->sqlstate, error->message, -1}, at);
  }
  return std::nullopt;
}

// apply() with an observer around each statement; see StatementObserver for why statements
// that ran on their own are wrapped.
std::optional<ScriptFailure> apply_observed(Session& session, const SourceFile& file,
                                            const Script& script, StatementObserver& observer) {
  std::vector<ClassifiedSpan> spans;
  if (auto bad = split_classified(file, script, spans)) return bad;
  bool tool_block = script.transaction_mode == TransactionMode::kWrappedByTool;
  if (script.transaction_mode == TransactionMode::kWholeFileImplicit) {
    for (const auto& span : spans) {
      if (span.kind == StatementClass::kOpensBlock || span.kind == StatementClass::kClosesBlock) {
        observer.unobserved(
            "lock trace: not traced: the file is sent whole and has its own BEGIN/COMMIT");
        return apply(session, file, script);
      }
    }
    // One statement sent alone is not in an implicit block (golang-migrate runs a lone
    // CREATE INDEX CONCURRENTLY fine); several are.
    tool_block = spans.size() > 1;
  }
  const std::string& text = file.text();
  bool in_block = tool_block;
  if (tool_block) {
    if (auto error = session.exec("BEGIN")) return failure_at(file, *error, 0);
  }
  for (const auto& span : spans) {
    Position at = file.position_of(skip_space_and_comments(text, span.begin));
    ObservedStatement stmt{span.begin, span.end, at,
                           !in_block && span.kind == StatementClass::kOutsideBlock};
    bool wrap = !in_block && span.kind == StatementClass::kPlain;
    // Nothing may run between BEGIN and the script's SET TRANSACTION ISOLATION LEVEL.
    bool observed =
        span.kind != StatementClass::kOpensBlock && span.kind != StatementClass::kClosesBlock;
    if (wrap) {
      if (auto error = session.exec("BEGIN")) return failure_at(file, *error, span.begin);
    }
    if (observed) observer.before(stmt);
    if (auto error = session.exec(text.substr(span.begin, span.end - span.begin))) {
      session.exec("ROLLBACK");
      observer.transaction_ended();
      return failure_at(file, *error, span.begin);
    }
    if (observed) observer.after(stmt);
    if (span.kind == StatementClass::kOpensBlock) in_block = true;
    if (span.kind == StatementClass::kClosesBlock) in_block = false;
    if (wrap) {
      if (auto bad = commit(session, file, span.begin)) return bad;
    }
    if (!in_block) observer.transaction_ended();
  }
  if (tool_block) {
    size_t last = spans.empty() ? 0 : spans.back().begin;
    if (auto bad = commit(session, file, last)) return bad;
    observer.transaction_ended();
  }
  return std::nullopt;
}

}  // namespace

ScriptRun run_script(Session& session, const Script& script, StatementObserver* observer) {
  auto started = std::chrono::steady_clock::now();
  SourceFile file(script);
  ScriptRun run;
  if (file.problem()) {
    run.failure = ScriptFailure{"22021", file.problem()->message, file.problem()->position};
  } else if (observer != nullptr) {
    run.failure = apply_observed(session, file, script, *observer);
  } else {
    run.failure = apply(session, file, script);
  }
  run.ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return run;
}

}  // namespace sg
