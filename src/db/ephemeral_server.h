// A throwaway PostgreSQL for the round trip: initdb (or a copy of a cached cluster) into a fresh
// temp dir, a server that listens only on a unix socket there, and nothing left behind, whatever
// way schemagate ends.
//
// A small reaper process (forked before initdb) owns the server and the directory. It waits on a
// pipe whose write end only schemagate holds: the pipe closes when schemagate stops the server,
// when a SIGINT/SIGTERM handler runs, and when the kernel closes it after a SIGKILL. Then the
// reaper shuts the server down and removes the directory. The server also gets
// PR_SET_PDEATHSIG, so it dies if the reaper itself is killed. As root the server runs as
// kServerUser or nobody, never as `postgres`.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "core/result.h"
#include "util/unprivileged_user.h"

namespace sg {


struct PostgresBinaries {
  std::string initdb;
  std::string postgres;
};

// Looks in `preferred_dir` (when set: only there), then PATH, then /usr/lib/postgresql/*/bin
// (newest first). The error says where it looked for initdb and postgres.
Result<PostgresBinaries> find_postgres_binaries(const std::string& preferred_dir);

class EphemeralServer {
 public:
  // Starts a server, from a copy of the cluster cached in `cache_dir` when there is one
  // (db/cluster_cache.h; "" for none); the error holds the server's own log line.
  static Result<std::unique_ptr<EphemeralServer>> start(const std::string& postgres_bin,
                                                        const std::string& cache_dir = "");
  ~EphemeralServer();
  EphemeralServer(const EphemeralServer&) = delete;
  EphemeralServer& operator=(const EphemeralServer&) = delete;

  // Stops the server and waits until the reaper removed the directory. Idempotent.
  void stop();

  // postgresql:///DB?host=DIR&port=...&user=USER (trust over the socket: no password).
  std::string url(const std::string& database = "postgres",
                  const std::string& user = "postgres") const;
  // "" when the server runs in a network namespace of its own, else why it does not.
  const std::string& network_isolation() const { return network_isolation_; }
  const std::string& dir() const { return dir_; }
  double startup_ms() const { return startup_ms_; }
  // Whether the cluster was copied from the cache instead of made by initdb.
  bool from_cache() const { return from_cache_; }

 private:
  EphemeralServer() = default;
  std::string dir_;
  int control_fd_ = -1;  // write end of the reaper's pipe
  pid_t reaper_pid_ = -1;
  double startup_ms_ = 0;
  bool from_cache_ = false;
  std::string network_isolation_ = "unknown";
};

}  // namespace sg
