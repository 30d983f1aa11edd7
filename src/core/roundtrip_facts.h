// What the round trip observed on a real PostgreSQL, as plain facts: the database rules
// (rules/database_rules.h) turn them into findings, so db/ runs migrations and never decides
// what is reported, at which severity, or whether at all.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/lock_trace.h"
#include "core/migration.h"
#include "core/position.h"

namespace sg {

struct ScriptFailure {
  std::string sqlstate;  // "42601" for a file that does not parse
  std::string message;   // the server's message
  Position position;     // in the file: the server's error position, else the statement's start
  // Set when schemagate itself stopped the statement, so the advice is about its bounds.
  enum class StoppedBy { kServer, kStatementTimeout, kDeadline } stopped_by = StoppedBy::kServer;
};

// A foreign key that up created whose referencing columns no index leads with.
struct UnindexedForeignKey {
  std::string name;     // constraint name
  std::string table;    // "orders"; "audit.events" outside public
  std::string columns;  // "customer_id, region", quoted as needed
};

// An extension track's run (seed 000): its migrations ran on its core at the version it requires.
struct ExtensionRun {
  std::string track;           // "billing"
  std::string on;              // "core at version 12 (requires core >= 12)"
  std::string requires_track;  // "core"
};

// One migration the round trip applied: a history migration only goes up (and only its failure
// is recorded); a new one goes up, down and up again.
struct MigrationFacts {
  Script up;
  std::optional<Script> down;  // run only for a new migration
  bool history = false;
  std::optional<ScriptFailure> up_failure;
  std::optional<ScriptFailure> down_failure;
  std::vector<std::string> rollback_differences;  // before up vs after down; empty when equal
  // Tables whose columns came back in another order, and nothing else about them differs.
  std::vector<std::string> rollback_column_order;
  std::optional<ScriptFailure> reapply_failure;
  std::vector<std::string> reapply_differences;  // after up vs after up again
  LockTrace trace;                               // of the first up
  std::vector<UnindexedForeignKey> unindexed_foreign_keys;
  // " (with 1000 rehearsal rows per table)" when the data rehearsal filled the tables first.
  std::string rehearsal_volume;
  std::optional<ExtensionRun> extension;
};

}  // namespace sg
