// Exact comparison of two snapshots, in the words a reviewer reads.
#pragma once

#include <string>
#include <vector>

#include "db/schema_snapshot.h"

namespace sg {

enum class DiffMoment {
  kAfterRollback,  // expected: before up; actual: after down
  kAfterReapply,   // expected: after the first up; actual: after up again
  kOnTarget,       // expected: the migrations replayed; actual: the target database (drift)
};

// One line per object, sorted by object:
//   "index orders_status_idx still exists after rollback"
//   "column orders.note is missing after rollback"
//   "column orders.status differs after rollback: was `text`, now `text not null`"
// and for kAfterReapply "... exists after reapply but not after the first up", "... is missing
// after reapply", "... differs after reapply: ...". kOnTarget: "... exists on the target but in no
// migration", "... is in the migrations but missing on the target", "... differs on the target:
// migrations give `text`, target has `varchar(200)`".
// With `column_order`, a table whose columns differ only in order gets one line there instead
// ("columns of orders are in another order after rollback: was `id, note, total`, now `id,
// total, note` (column order only)"): a down that re-adds a dropped column puts it last, which
// breaks only `SELECT *` and positional INSERTs. After rollback, a constraint that comes back
// validated (PostgreSQL cannot undo VALIDATE CONSTRAINT) is restored.
std::vector<std::string> diff_snapshots(const SchemaSnapshot& expected,
                                        const SchemaSnapshot& actual, DiffMoment moment,
                                        std::vector<std::string>* column_order = nullptr);

}  // namespace sg
