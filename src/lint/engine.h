// Runs the rules over one file: parse, walk statements with their context, collect findings.
#pragma once

#include <vector>

#include "lint/context.h"
#include "core/finding.h"
#include "lint/statement_risk.h"
#include "core/rule_set.h"
#include "sql/source_file.h"

namespace sg {

struct FileLintResult {
  std::vector<Finding> findings;  // sorted by position
  size_t statement_count = 0;
  bool parsed = false;  // false for syntax errors, binary and non-UTF-8 input
  StatementRisks statement_risks;  // what the statements do, for the file's risk level
};

FileLintResult lint_file(const SourceFile& source, const RuleSet& rules,
                         const LintOptions& options);

}  // namespace sg
