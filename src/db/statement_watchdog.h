// Bounds the run's statements from outside their sessions, so a migration cannot lift the bound
// (`SET statement_timeout = 0`). A thread on a connection of its own reads pg_stat_activity
// every 100 ms: a backend on one of the run's databases whose statement has run longer than the
// statement timeout (plus a second, so the session's own timeout fires first where it still
// holds) is cancelled; once the run's deadline has passed, every such backend is terminated.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"
#include "db/session.h"

namespace sg {

enum class Intervention { kNone, kStatementTimeout, kDeadline };

class StatementWatchdog {
 public:
  using Clock = std::chrono::steady_clock;
  // `admin_url`: a database that is not the run's (the scratch databases get dropped and made
  // again); `tag`: what the run's database names contain.
  static Result<std::unique_ptr<StatementWatchdog>> start(const std::string& admin_url,
                                                           const std::string& tag,
                                                           int statement_timeout_ms,
                                                           Clock::time_point deadline);
  ~StatementWatchdog();
  StatementWatchdog(const StatementWatchdog&) = delete;
  StatementWatchdog& operator=(const StatementWatchdog&) = delete;

  // What the watchdog did since the last call (the deadline stays reported once passed).
  Intervention take();
  bool deadline_passed() const { return Clock::now() >= deadline_; }

 private:
  StatementWatchdog() = default;
  void watch();
  std::unique_ptr<Session> session_;
  std::string tag_;
  int statement_timeout_ms_ = 0;
  Clock::time_point deadline_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<bool> cancelled_{false};
  std::atomic<bool> terminated_{false};
  std::thread thread_;
};

}  // namespace sg
