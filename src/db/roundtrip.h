// The round trip: on a real PostgreSQL, each new migration goes up, down and up again, with an
// exact schema comparison after each step.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "db/lock_disagreements.h"
#include "db/data_rehearsal.h"
#include "db/roundtrip_setup.h"
#include "core/roundtrip_facts.h"
#include "core/migration.h"

namespace sg {

struct RoundTripOptions {
  // Empty: start an embedded server. Else a server to create a scratch database on (and drop
  // it afterwards); no other database is touched.
  std::string database_url;
  std::string postgres_bin;  // --postgres-bin: where initdb and postgres are
  std::string cache_dir;     // --cache-dir: cached clusters (db/cluster_cache.h); "" for none
  int lock_timeout_ms = 60000;
  // Set in each session, and also enforced from outside it: a migration's own
  // SET statement_timeout cannot lift it.
  int statement_timeout_ms = 60000;
  // --deadline: the whole run's bound; the statement running then fails with a message saying so.
  int deadline_s = 600;
  // --rehearse-rows: rows per table made before the first new migration; 0 leaves them empty.
  int rehearse_rows = 0;
  RoundTripSetup setup;  // [roundtrip] setup, superuser_extensions, migrations_as_superuser
};

// What each layout's tool creates before the first migration (its tracking table), created the
// same way on `session` so that the history replays as it did in production. The error names
// the table.
class Session;
std::optional<std::string> create_tool_tables(Session& session, const MigrationSet& set);

// Where the scratch databases go, for ScratchServer::open.
struct ScratchOptions;
ScratchOptions scratch_options(const RoundTripOptions& options);

struct StepResult {
  std::string step;  // "up" | "down" | "reapply"
  bool ok = false;
  double ms = 0;
  std::string error;  // "42P07: relation \"x\" already exists (line 3, column 1)", "" when ok
};

struct MigrationRoundTrip {
  std::string migration;  // Migration::id
  std::string status;     // "ok" | "failed" | "skipped"
  std::vector<StepResult> steps;
  std::vector<std::string> schema_diff;  // after rollback, then after reapply
  std::string server_version;
  LockTrace trace;  // of the first up
  std::vector<LockDisagreement> lock_disagreements;
};

struct RoundTripReport {
  std::vector<MigrationRoundTrip> migrations;  // the new (added, modified, renamed) ones
  // What each applied migration showed, in run order (new ones, and a history one that failed):
  // rules/database_rules.h makes the findings.
  std::vector<MigrationFacts> facts;
  // A runtime failure (no server binaries, unreachable database): exit code 2.
  std::string error;
  std::string server_version;
  // Where the time went.
  double server_start_ms = 0;
  double history_ms = 0;
  double total_ms = 0;
  int history_count = 0;
  std::optional<RehearsalReport> rehearsal;  // set once the fill ran
  Containment containment;                   // who the SQL ran as, network, setup
};

// Walks `set.migrations` in order: unchanged ones are history and only go up; added, modified
// and renamed ones get the round trip. Deleted migrations are not applied.
RoundTripReport run_roundtrip(const MigrationSet& set, const RoundTripOptions& options);

// What a report keeps of a round trip: each new migration's result with its track, and the fill.
struct RoundTripResults {
  std::vector<MigrationRoundTrip> migrations;
  std::vector<std::string> tracks;  // the track of each entry ("" without [[tracks]])
  std::optional<RehearsalReport> rehearsal;
};
RoundTripResults results_of(const RoundTripReport& report);

// The JSON contract: [{"migration","status","steps":[{"step","ok","ms","error"}],
// "schema_diff","server_version","statements":[{"line","ms"}],"locks":[{"statement_line",
// "relation","kind","mode","blocks","held_ms"}],"lock_disagreements":[{"file","line","kind",
// "detail"}]}] (lock_trace_output.cpp has the last three), "track" with tracks; the first entry
// carries "rehearsal" when the fill ran.
nlohmann::json to_json(const RoundTripResults& results);
nlohmann::json to_json(const RoundTripReport& report);
// The inverse, for a saved report: tolerant of missing fields (and of "schema_diff" as one
// string, as older reports wrote it).
RoundTripResults roundtrip_results_from_json(const nlohmann::json& list);
MigrationRoundTrip migration_roundtrip_from_json(const nlohmann::json& entry);
// One line per migration and per step, with timings; differences indented below.
void write_roundtrip_text(const RoundTripReport& report, std::ostream& out);

}  // namespace sg
