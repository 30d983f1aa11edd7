// --fail-on / fail_on: what makes the exit code 1 (assess/fail_on.h applies it).
#pragma once

#include <optional>
#include <string>

#include "core/severity.h"

namespace sg {

struct FailOn {
  enum class Kind { kSeverity, kRisk, kNone } kind = Kind::kSeverity;
  Severity severity = Severity::kError;
  Risk risk = Risk::kHigh;
};

// "error" | "warning" | "none" | "risk:LOW|MEDIUM|HIGH|CRITICAL"
std::optional<FailOn> parse_fail_on(const std::string& text);

}  // namespace sg
