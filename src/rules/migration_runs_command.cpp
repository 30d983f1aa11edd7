// migration-runs-command: a JavaScript migration starts a process (child_process). It ran
// contained here (no network, no secrets, an unprivileged account), so what it does in production
// is unchecked. The engine raises it from the capture (lint/run_observations.cpp).
#include "lint/rule.h"

namespace sg {

std::unique_ptr<Rule> make_migration_runs_command() { return std::make_unique<EngineRaisedRule>(); }

}  // namespace sg
