#include "db/roundtrip_findings.h"

#include "lint/registry.h"

namespace sg {

Finding db_finding(std::string_view rule_id, const std::string& file, Position at,
                   std::string message, std::string help) {
  Finding f;
  f.rule_id = std::string(rule_id);
  if (const RuleInfo* rule = find_rule(rule_id)) {
    f.severity = rule->default_severity;
    f.risk = rule->risk;
  }
  f.file = file;
  f.line = at.line;
  f.column = at.column;
  f.message = std::move(message);
  f.help = std::move(help);
  return f;
}

}  // namespace sg
