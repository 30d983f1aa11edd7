// Shared pieces of the database tests: one embedded server per test binary, migration values,
// and process inspection for the cleanup tests.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "db/ephemeral_server.h"
#include "db/roundtrip.h"
#include "core/migration.h"

namespace sg::test {

// Started on first use (a failure to start is a test failure, never a skip), stopped at exit.
EphemeralServer* shared_server();
const std::string& shared_server_error();

Script script(const std::string& path, const std::string& text,
              TransactionMode mode = TransactionMode::kStatementByStatement);
Migration migration(const std::string& id, std::optional<Script> up, std::optional<Script> down,
                    ChangeKind change = ChangeKind::kAdded);
// A round trip and the findings the database rules make of its facts (default severities).
struct RoundTripWithFindings : RoundTripReport {
  std::vector<Finding> findings;
};
RoundTripWithFindings with_findings(RoundTripReport report);
// The round trip on the shared server (through --database-url mode, a scratch database).
RoundTripWithFindings roundtrip_on_shared(const MigrationSet& set, int timeout_ms = 60000);

// "file:line:column: severity: message [rule-id]", the text report's finding line.
std::string finding_line(const Finding& f);

// Processes whose working directory is inside `dir`: postgres and its backends run in their
// data directory, so this finds every server process of an ephemeral dir.
std::vector<pid_t> processes_in(const std::string& dir);

// Sends `sig` to `pid` and reaps it: the signal that ended it, -1 when it exited another way.
int kill_and_reap(pid_t pid, int sig);

// Starts the schemagate binary with `env` added (KEY=VALUE), output to files in `io_dir`.
pid_t spawn_schemagate(const std::vector<std::string>& args, const std::vector<std::string>& env,
                       const std::string& io_dir);

}  // namespace sg::test
