// Schema drift for the release gate: does the target database hold exactly the schema its
// applied migrations build? Objects created or changed by hand show up here, one line each.
#pragma once

#include <string>
#include <vector>

#include "db/roundtrip.h"
#include "core/migration.h"

namespace sg {

struct DriftOptions {
  // Where to replay: an embedded server (database_url empty, from postgres_bin) or a scratch
  // database on database_url. Its timeouts bound both the replay and the read of the target.
  RoundTripOptions replay;
  // The tool's tracking tables, named as the snapshot names them ("schema_migrations",
  // "sqitch.changes"; "sqitch.*" for a whole schema): they, their columns, constraints,
  // indexes, owned sequences, triggers, policies, grants and comments are not drift.
  std::vector<std::string> ignored_tables;
};

struct DriftReport {
  // Sorted by object, in a reviewer's words:
  //   "index users_email_lower_idx exists on the target but in no migration"
  //   "column users.nickname is in the migrations but missing on the target"
  //   "column users.email differs on the target: migrations give `text position 2`, target has
  //    `character varying(200) position 2`"
  std::vector<std::string> differences;
  // A runtime failure (exit code 2): the replay failed ("drift: replaying
  // migrations/003_x.sql failed at 3:1: ... (SQLSTATE 42P07)"), or the target or the replay
  // server cannot be reached or read. `differences` is empty then.
  std::string error;
};

// Replays `applied_ups` (in apply order, each per its TransactionMode) on a fresh database,
// snapshots it, snapshots the target inside a READ ONLY transaction with the timeouts (the
// target is never written or locked beyond catalog reads), and compares object by object.
DriftReport find_drift(const std::vector<Script>& applied_ups, const std::string& target_url,
                       const DriftOptions& options);

}  // namespace sg
