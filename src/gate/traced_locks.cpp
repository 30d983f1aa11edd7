#include "gate/traced_locks.h"

#include <cmath>

namespace sg {

std::string describe_traced_lock(const TracedLock& lock) {
  return std::string(lock_mode_name(lock.mode)) + " on " + lock.kind + " " + lock.relation +
         " (blocks " + std::string(lock_blocks(lock.mode)) + "), held " +
         std::to_string(std::llround(lock.held_ms)) + " ms (line " +
         std::to_string(lock.statement.line) + ")";
}

void attach_traced_locks(PlannedMigration& p, const RecordedRoundTrip& record) {
  // A trace with a note missed part of what the migration did: listing it as the locks to
  // expect would understate them.
  if (!record.roundtrip || !record.roundtrip->trace.note.empty()) return;
  const MigrationRoundTrip& roundtrip = *record.roundtrip;
  p.traced_from = record.where;
  for (const auto& lock : roundtrip.trace.locks) p.traced_locks.push_back(describe_traced_lock(lock));
  // The check compared the trace with the static model already; its verdict is reused so the
  // plan and the pull-request report can never disagree about the disagreement.
  for (const auto& d : roundtrip.lock_disagreements) {
    p.lock_disagreements.push_back("line " + std::to_string(d.line) + ": " + d.detail);
  }
}

}  // namespace sg
