// The catalog query behind foreign-key-without-index: foreign keys whose referencing columns are
// not the leading columns of any index.
#pragma once

#include <vector>

#include "core/result.h"
#include "core/roundtrip_facts.h"
#include "db/schema_snapshot.h"
#include "db/session.h"

namespace sg {

// The keys of `session`'s database that are not in `before` (created by the migration since).
Result<std::vector<UnindexedForeignKey>> new_unindexed_foreign_keys(Session& session,
                                                                    const SchemaSnapshot& before);

}  // namespace sg
