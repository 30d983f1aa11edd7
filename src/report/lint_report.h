// `schemagate lint`'s core: lint files given by path ("-" is stdin) into one report.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "lint/context.h"
#include "assess/file_risk.h"
#include "core/rule_set.h"
#include "report/report.h"

namespace sg {

// Lints each file independently; a file that cannot be read becomes a report error and the
// others are still linted. `stdin_stream` is read for the path "-".
// Each file also gets its risk (report.file_risks) with `policy`'s approvals.
Report lint_files(const std::vector<std::string>& paths, const RuleSet& rules,
                  const LintOptions& options, std::istream& stdin_stream,
                  const RiskPolicy& policy = RiskPolicy::defaults());

// Lints one already-read file into `report` (shared by lint and check).
void lint_into_report(const SourceFile& source, const RuleSet& rules, const LintOptions& options,
                      Report& report, const RiskPolicy& policy = RiskPolicy::defaults());

}  // namespace sg
