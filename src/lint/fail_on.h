// --fail-on: which findings make the exit code 1.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"

namespace sg {

struct FailOn {
  enum class Kind { kSeverity, kRisk, kNone } kind = Kind::kSeverity;
  Severity severity = Severity::kError;
  Risk risk = Risk::kHigh;
};

// "error" | "warning" | "none" | "risk:LOW|MEDIUM|HIGH|CRITICAL"
std::optional<FailOn> parse_fail_on(const std::string& text);
bool fails(const FailOn& fail_on, const std::vector<Finding>& findings);
// risk:LEVEL also fails when a file's risk reaches LEVEL: what its statements do counts even
// when no finding is raised (a foreign key on an existing table, a renamed table).
bool fails(const FailOn& fail_on, const std::vector<Finding>& findings,
           const std::vector<Risk>& file_risks);

}  // namespace sg
