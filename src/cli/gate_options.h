// The command-line options of `status` and `gate`, filling the gate's inputs (src/gate/).
#pragma once

#include <CLI/CLI.hpp>

#include "gate/gate_evidence.h"
#include "gate/target_load.h"

namespace sg {

void add_target_options(CLI::App* cmd, TargetArgs& args);
void add_evidence_options(CLI::App* cmd, EvidenceArgs& args);

}  // namespace sg
