// Applies one migration script the way its tool does, and says where it failed in the file.
#pragma once

#include <optional>
#include <string>

#include "db/session.h"
#include "repo/migration.h"
#include "sql/source_file.h"

namespace sg {

struct ScriptFailure {
  std::string sqlstate;  // "42601" for a file that does not parse
  std::string message;   // the server's message
  Position position;     // in the file: the server's error position, else the statement's start
};

struct ScriptRun {
  std::optional<ScriptFailure> failure;  // nullopt: applied
  double ms = 0;
};

// Transaction semantics by Script::transaction_mode:
//   kStatementByStatement  each statement its own call (psql -f; explicit BEGIN/COMMIT as written)
//   kWholeFileImplicit     the whole text in one call (golang-migrate: one implicit transaction)
//   kWrappedByTool         BEGIN, each statement, COMMIT (ROLLBACK on failure)
// Statements come from Script::statement_spans when set (goose), else from the SQL parser.
ScriptRun run_script(Session& session, const Script& script);

}  // namespace sg
