// What a migration's first up really locked (the lock trace, issue 8): relations that existed
// before it, with the strongest mode each statement held and for how long. The round trip
// records it (db/lock_trace.h); blocking-lock and the gate's traced locks read it.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/lock_mode.h"
#include "core/position.h"

namespace sg {

struct TracedLock {
  Position statement;    // where the statement that first took the lock starts
  std::string relation;  // "users"; "audit.events" outside public
  std::string kind;      // "table", "index", "sequence", "view", "materialized view", ...
  LockMode mode = LockMode::kAccessShare;
  double held_ms = 0;       // from that statement's start to the end of its transaction
  bool concurrent = false;  // seen from the second connection (the statement ran on its own)
  // The static lock model (sql/lock_level.h) predicts this lock, or a stronger one, for the
  // statement; false for what only the trace saw (db/lock_disagreements.h marks it).
  bool predicted = true;
};

struct StatementTrace {
  Position position;
  double ms = 0;
  // Every lock the backend held on an existing relation once the statement was done (while it
  // ran, for one watched from the second connection): relation -> strongest mode.
  std::map<std::string, LockMode> held;
};

struct LockTrace {
  std::vector<TracedLock> locks;
  std::vector<StatementTrace> statements;  // the statements that applied, in order
  std::set<std::string> existing_tables;   // tables before the migration, named as `relation`
  std::string note;  // why part of the trace is missing ("" when complete)
};

}  // namespace sg
