// A Sequelize migration can wait for itself: a query it did not pass `{ transaction: t }` runs on
// another pooled connection and queues behind a lock `t` holds, while the migration awaits that
// query before it ends `t`. PostgreSQL's deadlock detector sees one waiter and an idle holder,
// so nothing ends it but lock_timeout (a minute by default: a CI job that just sits). The watch,
// a session of its own on the capture database, finds such a query while the runner works and
// cancels it at once; the run then fails at that query with what happened.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "db/session.h"

namespace sg {

class RunnerLockWatch {
 public:
  // `application_name`: what the runner's connections call themselves.
  static Result<std::unique_ptr<RunnerLockWatch>> start(const std::string& database_url,
                                                        const std::string& application_name);

  // Cancels each of the runner's queries that waits for a lock held by another of its
  // connections idle in a transaction. Cheap enough to call a few times a second.
  void cancel_waits_on_itself();
  // Whether it canceled one since the last take(); resets.
  bool take();

 private:
  RunnerLockWatch() = default;
  std::unique_ptr<Session> session_;
  std::string application_name_;
  bool canceled_ = false;
};

}  // namespace sg
