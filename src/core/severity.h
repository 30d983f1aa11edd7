// Severity (does a finding fail the check?) and risk (how dangerous is the migration?).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sg {

enum class Severity { kOff = 0, kWarning = 1, kError = 2 };
enum class Risk { kLow = 0, kMedium = 1, kHigh = 2, kCritical = 3 };

std::string_view to_string(Severity s);  // "off" | "warning" | "error"
std::string_view to_string(Risk r);      // "LOW" | "MEDIUM" | "HIGH" | "CRITICAL"
std::optional<Severity> parse_severity(std::string_view s);
std::optional<Risk> parse_risk(std::string_view s);  // case-insensitive

}  // namespace sg
