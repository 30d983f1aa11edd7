// history-failed: a migration the change does not touch fails while the round trip replays the
// history, so the change's own migrations could not be round-tripped. The cause is the replay
// environment far more often than the file (a newer PostgreSQL in production, roles or
// extensions an init script creates), so it is said once, on that file, as a warning the
// config may raise: not an error blamed on a file nobody in the pull request touched.
#include "rules/database_rules.h"

namespace sg {

void check_history_failed(const MigrationFacts& facts, FindingSink& out) {
  if (!facts.up_failure || !facts.history) return;
  const ScriptFailure& failure = *facts.up_failure;
  out.report(facts.up.path, failure.position,
             "history migration failed: " + failure_text(failure, facts) +
                 "; the change's migrations were linted but not round-tripped",
             failure_help(failure,
                          "the history is replayed on a fresh PostgreSQL as an ordinary role: if "
                          "production runs a newer PostgreSQL, replay on it (--postgres-bin, or "
                          "--database-url to a server of that version); if the project creates "
                          "roles, schemas or extensions outside its migrations, name that script "
                          "in .schemagate.toml [roundtrip] setup = [\"<script>\"]"));
}

}  // namespace sg
