// The capture stage: a JavaScript migration (Sequelize) becomes the SQL it sends. Before lint,
// the Node runner replays the set on a scratch database in the round trip's order (history up;
// each new migration up, down, up) and each script's text becomes the captured SQL, one
// statement_spans entry per query as Sequelize sent it, placed by its source map at the call
// that sent it. Lint, the round trip, the lock trace and the rehearsal then work on it as on
// any SQL file. What the JavaScript did besides SQL (read the environment, ran commands, left
// a statement outside its transaction) goes into the source map, for lint to report
// (lint/run_observations.h).
#pragma once

#include <string>
#include <vector>

#include "core/migration.h"
#include "db/roundtrip.h"

namespace sg {

struct CaptureResult {
  bool ran = false;               // the set had JavaScript migrations and the runner ran them
  std::vector<std::string> notes;  // the Sequelize version and Node.js it ran with
};

// Replaces the text of every runner script of `set`. When it cannot run them (`no_db`, no node,
// no server) it leaves them uncaptured and says why in set.not_run_because (migration-not-run).
// `workdir`: the checkout, whose node_modules (the project's own sequelize and pg, the versions
// production runs) come first when the runner's account can read them.
CaptureResult capture_javascript(MigrationSet& set, const RoundTripOptions& options, bool no_db,
                                 const std::string& workdir);

// Whether `set` still holds JavaScript that was not captured (nothing may run it as SQL).
bool has_uncaptured(const MigrationSet& set);

}  // namespace sg
