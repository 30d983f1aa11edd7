// Findings about what a JavaScript migration did when it ran besides sending SQL, read from its
// captured script's source map (core/source_map.h): migration-reads-environment,
// migration-runs-command, query-outside-transaction. The engine raises them with the file's
// other findings, so ignore comments (`// schemagate-ignore: ...` in the .js) cover them too.
#pragma once

#include <vector>

#include "core/finding.h"
#include "core/rule_set.h"
#include "sql/parser.h"

namespace sg {

// Nothing for a file that is not a captured script.
void report_run_observations(const ParsedFile& parsed, const RuleSet& rules,
                             std::vector<Finding>& out);

}  // namespace sg
