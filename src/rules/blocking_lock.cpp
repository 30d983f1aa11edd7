// blocking-lock: the lock trace saw a statement take a lock that blocks reads or writes on a
// table that existed before the migration; on a busy table, traffic queues behind it.
#include <cmath>

#include "rules/database_rules.h"

namespace sg {

void check_blocking_lock(const MigrationFacts& facts, FindingSink& out) {
  for (const auto& lock : facts.trace.locks) {
    // CONCURRENTLY operations are the fix, not the problem; their waits show in lint rules.
    if (lock.kind != "table" || lock.concurrent || !is_blocking(lock.mode)) continue;
    std::string mode(lock_mode_name(lock.mode));
    out.report(facts.up.path, lock.statement,
               mode + " lock on table " + lock.relation + " blocks " +
                   std::string(lock_blocks(lock.mode)) + ", held " +
                   std::to_string(std::lround(lock.held_ms)) + " ms",
               "on a busy table every query of that kind waits for the lock (and queues behind "
               "the statement while it waits for it): keep the transaction short, set "
               "lock_timeout, or use the non-blocking form (CONCURRENTLY, NOT VALID then "
               "VALIDATE)");
  }
}

}  // namespace sg
