// The schema as the catalogs describe it, object by object, for exact before/after comparison.
#pragma once

#include <map>
#include <string>

#include "core/result.h"
#include "db/session.h"

namespace sg {

// Key: "<kind> <name>" as a reviewer reads it ("index orders_status_idx",
// "column orders.status", "constraint orders_pkey on orders"); value: everything that
// defines the object (definition, validity, type, default, ...). Names are schema-qualified
// except in `public`. Objects that belong to an extension are left to the extension's entry.
struct SchemaSnapshot {
  std::map<std::string, std::string> objects;
};

// Reads every user schema; fails with "snapshot: reading <what>: <server message>".
Result<SchemaSnapshot> take_snapshot(Session& session);

}  // namespace sg
