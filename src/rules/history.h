// History rules (RULES.md, "Repository rules"): checks over the whole MigrationSet rather than
// one file's statements. Each is src/rules/<id>.cpp defining check_<identifier>(), registered
// with SG_REPO_RULE in rules.def.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"
#include "core/migration.h"
#include "lint/finding_sink.h"
#include "core/rule_set.h"

namespace sg {

// Runs every enabled repository rule of `rules` over `set`; findings come back sorted.
std::vector<Finding> run_history_rules(const MigrationSet& set, const RuleSet& rules);

}  // namespace sg
