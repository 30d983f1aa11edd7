#include "db/lock_disagreements.h"

#include <algorithm>

#include "db/lock_modes.h"
#include "sql/lock_level.h"
#include "sql/parser.h"

namespace sg {
namespace {

// The model names tables as written; the trace leaves out "public.".
std::string as_traced(const std::string& name) {
  return name.rfind("public.", 0) == 0 ? name.substr(7) : name;
}

bool same_place(const Position& a, const Position& b) {
  return a.line == b.line && a.column == b.column;
}

std::string mode_text(LockMode mode) { return std::string(lock_mode_name(mode)); }

}  // namespace

std::vector<LockDisagreement> compare_with_lock_model(const Script& up, const LockTrace& trace) {
  std::vector<LockDisagreement> out;
  SourceFile file(up);
  if (file.problem()) return out;
  ParsedFile parsed = parse_sql(file);
  for (const auto& stmt : parsed.statements) {
    if (stmt.from_plpgsql) continue;
    auto observed = std::find_if(
        trace.statements.begin(), trace.statements.end(),
        [&](const StatementTrace& s) { return same_place(s.position, stmt.position); });
    if (observed == trace.statements.end()) continue;
    std::vector<std::string> predicted;
    for (const auto& lock : table_locks(stmt)) {
      std::string table = as_traced(lock.name);
      if (!is_blocking(lock.mode) || trace.existing_tables.count(table) == 0) continue;
      predicted.push_back(table);
      auto held = observed->held.find(table);
      if (held != observed->held.end() && held->second >= lock.mode) continue;
      std::string saw = held == observed->held.end()
                            ? "no lock on it"
                            : mode_text(held->second) + " (" +
                                  std::string(lock_blocks(held->second)) + ")";
      out.push_back({up.path, stmt.position.line, "predicted-not-taken",
                     "the lock model predicts " + mode_text(lock.mode) + " on " + table +
                         "; the trace saw " + saw,
                     stmt.position.column, table});
    }
    for (const auto& lock : trace.locks) {
      if (!same_place(lock.statement, stmt.position) || lock.kind != "table" ||
          !is_blocking(lock.mode) || lock.concurrent ||
          std::count(predicted.begin(), predicted.end(), lock.relation) > 0) {
        continue;
      }
      out.push_back({up.path, stmt.position.line, "taken-not-predicted",
                     "the trace saw " + mode_text(lock.mode) + " on " + lock.relation +
                         ", which blocks " + std::string(lock_blocks(lock.mode)) +
                         "; the lock model predicts no blocking lock on it",
                     stmt.position.column, lock.relation});
    }
  }
  return out;
}

void mark_unpredicted(const std::vector<LockDisagreement>& disagreements, LockTrace& trace) {
  for (const auto& d : disagreements) {
    if (d.kind != "taken-not-predicted") continue;
    for (auto& lock : trace.locks) {
      if (lock.statement.line == d.line && lock.statement.column == d.column &&
          lock.relation == d.relation) {
        lock.predicted = false;
      }
    }
  }
}

}  // namespace sg
