#include "core/severity.h"

#include <algorithm>
#include <cctype>

namespace sg {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::kOff: return "off";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "off";
}

std::string_view to_string(Risk r) {
  switch (r) {
    case Risk::kLow: return "LOW";
    case Risk::kMedium: return "MEDIUM";
    case Risk::kHigh: return "HIGH";
    case Risk::kCritical: return "CRITICAL";
  }
  return "LOW";
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "off") return Severity::kOff;
  if (s == "warning") return Severity::kWarning;
  if (s == "error") return Severity::kError;
  return std::nullopt;
}

std::optional<Risk> parse_risk(std::string_view s) {
  std::string upper(s);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (Risk r : {Risk::kLow, Risk::kMedium, Risk::kHigh, Risk::kCritical}) {
    if (upper == to_string(r)) return r;
  }
  return std::nullopt;
}

}  // namespace sg
