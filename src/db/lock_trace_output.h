// The lock trace's part of the round trip's renderings.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "db/roundtrip.h"

namespace sg {

// Adds "statements", "locks" and "lock_disagreements" to a migration's roundtrip entry.
void add_lock_trace_json(const MigrationRoundTrip& m, nlohmann::json& entry);
// Indented lines under the migration's steps: each lock, then each disagreement.
void write_lock_trace_text(const MigrationRoundTrip& m, std::ostream& out);

}  // namespace sg
