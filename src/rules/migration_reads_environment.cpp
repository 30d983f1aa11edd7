// migration-reads-environment: a JavaScript migration reads process.env. The SQL it sent here
// came from the capture run's environment (NODE_ENV=test and nothing else), so production may
// get other SQL. The engine raises it from the capture (lint/run_observations.cpp).
#include "lint/rule.h"

namespace sg {

std::unique_ptr<Rule> make_migration_reads_environment() {
  return std::make_unique<EngineRaisedRule>();
}

}  // namespace sg
