// Database rules (RULES.md, third table): checks over what the round trip observed on a real
// PostgreSQL (core/roundtrip_facts.h). Each is src/rules/<id>.cpp defining check_<identifier>(),
// registered with SG_DB_RULE in rules.def.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"
#include "core/roundtrip_facts.h"
#include "lint/finding_sink.h"
#include "core/rule_set.h"

namespace sg {

// Runs every enabled database rule of `rules` over each migration's facts; sorted findings.
std::vector<Finding> run_database_rules(const std::vector<MigrationFacts>& facts,
                                        const RuleSet& rules);

// The options a database rule takes, with their defaults ({} for most): what .schemagate.toml
// may set under [rules.<id>].
nlohmann::json database_rule_options(std::string_view id);

// `help`, or for a permission error (SQLSTATE 42501) what to declare instead: the round trip
// runs pull-request SQL as an ordinary role, so what needs a superuser is named in [roundtrip].
std::string failure_help(const ScriptFailure& failure, std::string help);

// "relation \"x\" already exists (SQLSTATE 42P07)" plus the rehearsal volume when tables were
// filled first: how each failure rule words the server's error.
std::string failure_text(const ScriptFailure& failure, const MigrationFacts& facts);

}  // namespace sg
