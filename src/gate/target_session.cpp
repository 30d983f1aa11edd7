#include "gate/target_session.h"

namespace sg {

TargetRead read_target(const TargetOptions& options, const std::vector<TrackingQuery>& queries) {
  TargetRead result;
  auto connected = Session::connect(options.database_url);
  if (!connected) {
    result.error = "--database-url: cannot connect: " + connected.error;
    return result;
  }
  auto& session = *connected.value;
  std::string ms = std::to_string(options.timeout_ms);
  // REPEATABLE READ: one snapshot for every track's rows.
  if (auto begin = session->exec(
          "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL statement_timeout = " +
          ms + "; SET LOCAL lock_timeout = " + ms + "; SET LOCAL TimeZone = 'UTC'")) {
    result.error = "--database-url: " + begin->message;
    return result;
  }
  for (const auto& q : queries) {
    auto one = read_tracking(*session, *q.reader, q.table, q.track);
    if (!one) {
      result.states.clear();
      result.error = one.error;
      break;
    }
    result.states.push_back(std::move(*one.value));
  }
  // Nothing was written; ROLLBACK only ends the transaction (and a failed one).
  session->exec("ROLLBACK");
  return result;
}

}  // namespace sg
