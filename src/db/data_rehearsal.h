// The data rehearsal: before the first new migration, every table that exists is filled with
// synthetic rows inside the server, so the round trip meets the failures a populated table has
// (NOT NULL without default, unique index over duplicates, CHECK that rows violate).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "core/result.h"
#include "db/rehearsal_plan.h"
#include "db/session.h"

namespace sg {

struct FilledTable {
  std::string table;
  long rows = 0;
  double ms = 0;
};

struct RehearsalReport {
  int rows_per_table = 0;
  double fill_ms = 0;
  std::vector<FilledTable> tables;      // in fill order, parents first
  std::vector<UnfilledTable> unfilled;  // each with the reason
};

// Fills every user table with `rows` rows: one INSERT ... SELECT ... FROM generate_series per
// table. A table that cannot be filled lands in `unfilled`; it fails only for a runtime
// failure (the catalog cannot be read).
Result<RehearsalReport> fill_tables(Session& session, int rows);

// " (with 1000 rehearsal rows per table)": what the message of a failure after the fill adds.
std::string rehearsal_volume(const RehearsalReport& report);

// {"rows_per_table", "fill_ms", "tables":[{"table","rows","ms"}], "unfilled":[{"table","reason"}]}
nlohmann::json to_json(const RehearsalReport& report);
RehearsalReport rehearsal_from_json(const nlohmann::json& j);  // of a saved report
void write_rehearsal_text(const RehearsalReport& report, std::ostream& out);
// One report note per table left empty, so no reader misses that it was not rehearsed.
std::vector<std::string> rehearsal_notes(const RehearsalReport& report);

}  // namespace sg
