// One finding per problem (issue 17): the lock trace strengthens the static finding of the
// statement it measured instead of adding a second one. A statement flagged by a rule about
// its lock (require-concurrent-index-creation, changing-column-type, ban-truncate, ...) gets
// the traced mode and hold time in that finding's message and Finding::lock_trace; a
// blocking-lock finding on the same statement is then dropped as a repeat.
#pragma once

#include <vector>

#include "core/finding.h"
#include "core/roundtrip_facts.h"

namespace sg {

// `linted`: the static findings; `roundtrip`: the database rules' findings of `facts`.
void fold_lock_evidence(const std::vector<MigrationFacts>& facts, std::vector<Finding>& linted,
                        std::vector<Finding>& roundtrip);

}  // namespace sg
