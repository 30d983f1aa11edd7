// blocking-lock: what the lock trace saw that no static rule says. A statement's predicted lock
// is the static rule's to report (the trace adds its evidence there: rules/lock_evidence.h);
// this rule speaks for a lock on an existing table that blocks reads or writes and that the
// static lock model did not predict, or that was held past `hold_threshold_ms` (the
// migration kept it while doing other work, or the statement itself was slow).
#include <cmath>

#include "rules/database_rules.h"

namespace sg {

void check_blocking_lock(const MigrationFacts& facts, FindingSink& out) {
  const long threshold = out.option("hold_threshold_ms").get<long>();
  for (const auto& lock : facts.trace.locks) {
    // CONCURRENTLY operations are the fix, not the problem; their waits show in lint rules.
    if (lock.kind != "table" || lock.concurrent || !is_blocking(lock.mode)) continue;
    const long held = std::lround(lock.held_ms);
    const bool long_held = held >= threshold;
    if (lock.predicted && !long_held) continue;
    std::string mode(lock_mode_name(lock.mode));
    std::string why = !lock.predicted
                          ? "; no static rule predicts this lock for the statement"
                          : "; longer than the " + std::to_string(threshold) +
                                " ms threshold (hold_threshold_ms)";
    Finding& f = out.report(
        facts.up.path, lock.statement,
        mode + " lock on table " + lock.relation + " blocks " +
            std::string(lock_blocks(lock.mode)) + ", held " + std::to_string(held) + " ms" +
            facts.rehearsal_volume + why,
        "on a busy table every query of that kind waits for the lock (and queues behind the "
        "statement while it waits for it): keep the transaction short, set lock_timeout, or use "
        "the non-blocking form (CONCURRENTLY, NOT VALID then VALIDATE)");
    f.lock_trace.push_back({lock.relation, mode, held});
  }
}

}  // namespace sg
