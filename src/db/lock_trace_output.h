// The lock trace's part of the round trip's renderings.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "db/roundtrip.h"

namespace sg {

// Adds "statements", "locks" and "lock_disagreements" to a migration's roundtrip entry.
void add_lock_trace_json(const MigrationRoundTrip& m, nlohmann::json& entry);
// The inverse of add_lock_trace_json, for a saved report (what the JSON keeps: no held map,
// no existing tables).
void read_lock_trace_json(const nlohmann::json& entry, MigrationRoundTrip& m);
// Indented lines under the migration's steps: each lock, then each disagreement.
void write_lock_trace_text(const MigrationRoundTrip& m, std::ostream& out);

}  // namespace sg
