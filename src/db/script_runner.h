// Applies one migration script the way its tool does, and says where it failed in the file.
#pragma once

#include <optional>
#include <string>

#include "db/session.h"
#include "core/migration.h"
#include "core/roundtrip_facts.h"
#include "sql/source_file.h"

namespace sg {

struct ScriptRun {
  std::optional<ScriptFailure> failure;  // nullopt: applied
  double ms = 0;
};

// Watches each statement of a traced run (the lock trace). A statement that would run on its
// own is sent inside BEGIN/COMMIT so that its locks are still held when `after` looks, unless
// it cannot run in a transaction block (`own_transaction`: then only another connection can
// see its locks, while it runs).
struct ObservedStatement {
  size_t begin = 0;
  size_t end = 0;
  Position position;
  bool own_transaction = false;
};

class StatementObserver {
 public:
  virtual ~StatementObserver() = default;
  virtual void before(const ObservedStatement& stmt) = 0;
  // The statement applied; its transaction, if any, is still open.
  virtual void after(const ObservedStatement& stmt) = 0;
  // COMMIT or ROLLBACK returned, or a statement that ran on its own finished.
  virtual void transaction_ended() = 0;
  // The script runs without per-statement observation; `why` says so in the trace.
  virtual void unobserved(const std::string& why) = 0;
};

// Transaction semantics by Script::transaction_mode:
//   kStatementByStatement  each statement its own call (psql -f; explicit BEGIN/COMMIT as written)
//   kWholeFileImplicit     the whole text in one call (golang-migrate: one implicit transaction)
//   kWrappedByTool         BEGIN, each statement, COMMIT (ROLLBACK on failure)
// Statements come from Script::statement_spans when set (goose), else from the SQL parser.
// With an `observer`, the same failures come back (a multi-statement kWholeFileImplicit file is
// sent as BEGIN, each statement, COMMIT, which PostgreSQL treats alike), except that a
// whole-file script with its own BEGIN/COMMIT runs unobserved.
ScriptRun run_script(Session& session, const Script& script,
                     StatementObserver* observer = nullptr);

}  // namespace sg
