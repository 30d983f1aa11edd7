#include "db/runner_lock_watch.h"

namespace sg {

Result<std::unique_ptr<RunnerLockWatch>> RunnerLockWatch::start(
    const std::string& database_url, const std::string& application_name) {
  using Out = Result<std::unique_ptr<RunnerLockWatch>>;
  auto session = Session::connect(database_url);
  if (!session) return Out::fail("the Node runner's lock watch: " + session.error);
  std::unique_ptr<RunnerLockWatch> watch(new RunnerLockWatch());
  watch->session_ = std::move(*session.value);
  watch->application_name_ = application_name;
  return Out{std::move(watch), ""};
}

void RunnerLockWatch::cancel_waits_on_itself() {
  // The same role as the runner's connections, so it may cancel their queries.
  std::string app = quote_literal(application_name_);
  std::vector<Row> rows;
  auto error = session_->query(
      "SELECT pg_cancel_backend(w.pid) FROM pg_catalog.pg_stat_activity w "
      "WHERE w.datname = current_database() AND w.application_name = " + app +
          " AND w.wait_event_type = 'Lock' AND EXISTS (SELECT 1 FROM "
          "pg_catalog.unnest(pg_catalog.pg_blocking_pids(w.pid)) AS b(pid) JOIN "
          "pg_catalog.pg_stat_activity h ON h.pid = b.pid WHERE h.application_name = " + app +
          " AND h.datname = w.datname AND h.state = 'idle in transaction')",
      rows);
  if (!error && !rows.empty()) canceled_ = true;
}

bool RunnerLockWatch::take() {
  bool was = canceled_;
  canceled_ = false;
  return was;
}

}  // namespace sg
