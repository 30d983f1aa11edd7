// The lock trace: what each statement of a migration's first up really locks on relations that
// existed before it, and for how long (issue 8). Read from pg_locks for the migration's own
// backend after each statement, or from a second connection while a statement that cannot run
// in a transaction block (CONCURRENTLY) runs.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "db/script_runner.h"
#include "db/session.h"
#include "core/lock_trace.h"

namespace sg {

class LockTracer : public StatementObserver {
 public:
  // Records the relations that exist in `session`'s database now. `conninfo` reaches the same
  // database, for the second connection. Fails when the catalog query fails.
  static Result<std::unique_ptr<LockTracer>> start(Session& session, std::string conninfo);
  ~LockTracer() override;

  void before(const ObservedStatement& stmt) override;
  void after(const ObservedStatement& stmt) override;
  void transaction_ended() override;
  void unobserved(const std::string& why) override { trace_.note = why; }

  LockTrace take();

 private:
  struct Relation {
    std::string name;
    std::string kind;
  };
  struct Poller;
  LockTracer(Session& session, std::string conninfo);
  void record(const ObservedStatement& stmt, const std::map<std::string, LockMode>& by_oid,
              bool concurrent);
  // Stops watching; what the second connection saw.
  std::map<std::string, LockMode> stop_poller();

  Session& session_;
  std::string conninfo_;
  std::unordered_map<std::string, Relation> existing_;  // by oid
  std::unique_ptr<Session> watcher_;  // the second connection, opened on first use
  std::unique_ptr<Poller> poller_;
  std::chrono::steady_clock::time_point statement_started_;
  // The open transaction's locks: oid -> strongest mode; index in trace_.locks -> taken at.
  std::map<std::string, LockMode> held_;
  std::vector<std::pair<size_t, std::chrono::steady_clock::time_point>> open_;
  LockTrace trace_;
};

}  // namespace sg
