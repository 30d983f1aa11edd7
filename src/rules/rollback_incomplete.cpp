// rollback-incomplete: after down the schema is not what it was before up.
#include "db/roundtrip_findings.h"

namespace sg {

Finding rollback_incomplete(const Script& down, const std::vector<std::string>& differences) {
  std::string list;
  for (const auto& d : differences) list += (list.empty() ? "" : "; ") + d;
  return db_finding("rollback-incomplete", down.path, Position{1, 1},
                    "rollback does not restore the schema: " + list,
                    "make the rollback undo every object the up migration creates or changes, in "
                    "reverse order");
}

}  // namespace sg
