// What each statement of a file does, classed by the seeds' risk table (seeds 003/004, RULES.md
// "Risk of a migration"); assess/file_risk.h turns it, with the findings, into the file's risk.
#pragma once

#include <string>
#include <vector>

#include "core/severity.h"
#include "sql/parser.h"

namespace sg {

// What one statement does, classed by the seeds' risk table.
struct RiskReason {
  Risk risk = Risk::kLow;
  std::string text;  // "drops column users.legacy"
};

struct StatementRisks {
  std::vector<RiskReason> reasons;          // in statement order
  std::vector<std::string> tables_touched;  // every table named, as written, in first-seen order
};

StatementRisks classify_statements(const ParsedFile& file);

}  // namespace sg
