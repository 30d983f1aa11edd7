// What a run leaves on a --database-url server (a shared service container) is removed on every
// exit path: a reaper process, forked before the first connection, waits for schemagate to end
// (normally, by SIGINT/SIGTERM, or killed with SIGKILL) and then terminates the run's backends
// (a migration still running pg_sleep) and drops its databases and role. What a dead run's
// reaper could not remove (the reaper killed too) the next run drops, by the expiry in the name.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "core/result.h"
#include "db/scratch_names.h"
#include "db/session.h"

namespace sg {

// DROP DATABASE IF EXISTS, ending its sessions where the server can (13+); best effort.
void drop_database(Session& admin, const std::string& name);

// Terminates every backend on a database of run `tag` or logged in as one of its roles, then
// drops those databases and roles. Best effort: each step goes on when one fails.
void sweep_run(Session& admin, const std::string& tag);

// Drops databases and roles named by schemagate whose expiry is more than a minute past `now`
// (epoch seconds); returns their names, sorted.
std::vector<std::string> sweep_expired(Session& admin, long long now);

// The reaper of run `tag` on the server at `admin_url`; stop() (or the destructor) ends the run.
class SharedServerReaper {
 public:
  static Result<std::unique_ptr<SharedServerReaper>> start(const std::string& admin_url,
                                                            const std::string& tag);
  ~SharedServerReaper() { stop(); }
  SharedServerReaper(const SharedServerReaper&) = delete;
  SharedServerReaper& operator=(const SharedServerReaper&) = delete;
  // Lets the reaper sweep, and waits until it did. Idempotent.
  void stop();

 private:
  SharedServerReaper() = default;
  int control_fd_ = -1;
  pid_t pid_ = -1;
};

}  // namespace sg
