// --fail-on: which findings make the exit code 1.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lint/finding.h"

namespace sg {

struct FailOn {
  enum class Kind { kSeverity, kRisk, kNone } kind = Kind::kSeverity;
  Severity severity = Severity::kError;
  Risk risk = Risk::kHigh;
};

// "error" | "warning" | "none" | "risk:LOW|MEDIUM|HIGH|CRITICAL"
std::optional<FailOn> parse_fail_on(const std::string& text);
bool fails(const FailOn& fail_on, const std::vector<Finding>& findings);

}  // namespace sg
