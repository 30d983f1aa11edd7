#include "db/statement_watchdog.h"

#include <vector>

namespace sg {
namespace {

constexpr int kPollMs = 100;
constexpr int kGraceMs = 1000;

}  // namespace

Result<std::unique_ptr<StatementWatchdog>> StatementWatchdog::start(
    const std::string& admin_url, const std::string& tag, int statement_timeout_ms,
    Clock::time_point deadline) {
  using Started = Result<std::unique_ptr<StatementWatchdog>>;
  auto session = Session::connect(admin_url);
  if (!session) return Started::fail("the statement watchdog cannot connect: " + session.error);
  std::unique_ptr<StatementWatchdog> dog(new StatementWatchdog());
  dog->session_ = std::move(*session.value);
  dog->tag_ = tag;
  dog->statement_timeout_ms_ = statement_timeout_ms;
  dog->deadline_ = deadline;
  dog->thread_ = std::thread([raw = dog.get()] { raw->watch(); });
  return {std::move(dog), {}};
}

StatementWatchdog::~StatementWatchdog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Intervention StatementWatchdog::take() {
  if (terminated_) return Intervention::kDeadline;
  return cancelled_.exchange(false) ? Intervention::kStatementTimeout : Intervention::kNone;
}

void StatementWatchdog::watch() {
  const std::string on_run = "pid <> pg_backend_pid() AND strpos(datname, " +
                             quote_literal(tag_) + ") > 0";
  const std::string overdue =
      "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE " + on_run +
      " AND state = 'active' AND clock_timestamp() - query_start > " +
      std::to_string(statement_timeout_ms_ + kGraceMs) + " * interval '1 millisecond'";
  const std::string all = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE " + on_run;
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(kPollMs));
    if (stopping_) break;
    std::vector<Row> rows;
    if (deadline_passed()) {
      terminated_ = true;  // reported even when no statement was running then
      session_->query(all, rows);
      continue;
    }
    if (!session_->query(overdue, rows) && !rows.empty()) cancelled_ = true;
  }
}

}  // namespace sg
