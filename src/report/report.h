// What every command reports: findings plus the command's own sections, and the formats.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "core/finding.h"

namespace sg {

struct Report {
  std::vector<Finding> findings;   // sorted with finding_order
  std::vector<std::string> files;  // every file looked at, in order
  // Runtime problems (unreadable file, ...): printed to stderr, and they make the exit code 2.
  std::vector<std::string> errors;
  // Things worth saying that are not findings ("x.sql: empty file, nothing to lint").
  std::vector<std::string> notes;
  // Sections that `check` adds to the JSON contract ("migrations", "roundtrip", ...).
  nlohmann::json sections = nlohmann::json::object();
};

struct Summary {
  size_t errors = 0;
  size_t warnings = 0;
  size_t suppressed = 0;
};
Summary summarize(const Report& report);

nlohmann::json to_json(const Report& report);
void write_json(const Report& report, std::ostream& out);
// `colour`: ANSI colours (only when writing to a terminal).
void write_text(const Report& report, std::ostream& out, bool colour);

}  // namespace sg
