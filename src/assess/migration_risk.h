// A migration's risk, from its files' assessed risk and the findings that name it.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/finding.h"
#include "core/migration.h"

namespace sg {

// The highest of its up file's risk (an entry of the report's "files" section) and of the
// unsuppressed `findings` about it (history and round-trip findings included).
Risk migration_risk(const Migration& m, const nlohmann::json& file_entries,
                    const std::vector<Finding>& findings);

}  // namespace sg
