#include "gate/target_session.h"

namespace sg {

TrackingResult read_target(const TargetOptions& options, const TrackingReader& reader) {
  TrackingResult result;
  std::string error;
  auto session = Session::connect(options.database_url, error);
  if (!session) {
    result.error = "--database-url: cannot connect: " + error;
    return result;
  }
  std::string ms = std::to_string(options.timeout_ms);
  if (auto begin = session->exec("BEGIN READ ONLY; SET LOCAL statement_timeout = " + ms +
                                 "; SET LOCAL lock_timeout = " + ms +
                                 "; SET LOCAL TimeZone = 'UTC'")) {
    result.error = "--database-url: " + begin->message;
    return result;
  }
  result = read_tracking(*session, reader, options.tracking_table);
  // Nothing was written; ROLLBACK only ends the transaction (and a failed one).
  session->exec("ROLLBACK");
  return result;
}

}  // namespace sg
