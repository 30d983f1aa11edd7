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

std::string failure_help(const ScriptFailure& failure, std::string help) {
  if (failure.sqlstate != "42501") return help;
  return "the round trip runs migrations as an ordinary role that owns the scratch database (no "
         "superuser: pull-request SQL must not reach the machine it runs on). If production runs "
         "this as a superuser, declare it in .schemagate.toml: [roundtrip] setup = [\"<script>\"] "
         "(roles, schemas; run as superuser before the history), superuser_extensions = "
         "[\"<name>\"], or migrations_as_superuser = true (every report then says so)";
}

}  // namespace sg
