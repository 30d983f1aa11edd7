// Ignore comments (RULES.md "Suppressing"): `-- schemagate-ignore: <id>[, <id>] -- <reason>` on
// the line before a statement or at the end of its first or last line, and
// `-- schemagate-ignore-file: <id> -- <reason>` anywhere; and squawk's own ignore comments for
// the rules shared with squawk (lint/squawk_ignores.h).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/rule_set.h"
#include "sql/parser.h"

namespace sg {

// Marks the findings an ignore covers as suppressed (they stay in the report with the reason)
// and adds `invalid-ignore` (malformed, unknown id, no reason) and `unused-ignore` findings
// when those rules are enabled in `rules`. `rules_run` names the rules that checked this file:
// an ignore for a rule that is configured off or skipped here is not reported as unused.
void apply_suppressions(const ParsedFile& parsed, const RuleSet& rules,
                        const std::set<std::string>& rules_run, std::vector<Finding>& findings);

}  // namespace sg
