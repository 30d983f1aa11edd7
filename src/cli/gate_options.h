// The command-line options of `status` and `gate`, filling the gate's inputs (src/gate/).
#pragma once

#include <CLI/CLI.hpp>

#include "gate/gate_evidence.h"
#include "gate/target_load.h"

namespace sg {

void add_target_options(CLI::App* cmd, TargetArgs& args);
// The target's URL from --database-url, $SCHEMAGATE_DATABASE_URL or --database-url-file;
// false after printing why there is none.
bool resolve_target_url(TargetArgs& args, const std::string& command);
void add_evidence_options(CLI::App* cmd, EvidenceArgs& args);

}  // namespace sg
