// query-outside-transaction: Sequelize transactions are per call. A query the migration did not
// pass `{ transaction: t }` runs on another pooled connection while `t` is open: it commits
// alone, survives the transaction's rollback, and queues behind its locks. The capture records
// which connection each query ran on; the engine raises it (lint/run_observations.cpp), and
// LintContext treats the query as outside the transaction for every other rule.
#include "lint/rule.h"

namespace sg {

std::unique_ptr<Rule> make_query_outside_transaction() {
  return std::make_unique<EngineRaisedRule>();
}

}  // namespace sg
