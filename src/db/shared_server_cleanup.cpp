#include "db/shared_server_cleanup.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "util/live_reapers.h"

namespace sg {
namespace {

std::vector<std::string> column(Session& admin, const std::string& sql) {
  std::vector<Row> rows;
  std::vector<std::string> out;
  if (admin.query(sql, rows)) return out;
  for (const auto& r : rows) out.push_back(r.at(0).value_or(""));
  return out;
}

void terminate_backends(Session& admin, const std::string& condition) {
  std::vector<Row> ignored;
  admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> "
              "pg_backend_pid() AND (" + condition + ")",
              ignored);
}

}  // namespace

// WITH (FORCE) (PostgreSQL 13+) ends the connections a terminate could not.
void drop_database(Session& admin, const std::string& name) {
  bool force = admin.server_version_num() >= 130000;
  admin.exec("DROP DATABASE IF EXISTS " + quote_ident(name) + (force ? " WITH (FORCE)" : ""));
}

void sweep_run(Session& admin, const std::string& tag) {
  auto tagged = [&](const char* col) {
    return "strpos(" + std::string(col) + ", " + quote_literal(tag) + ") > 0";
  };
  terminate_backends(admin, tagged("datname") + " OR " + tagged("usename"));
  for (const auto& db : column(admin, "SELECT datname FROM pg_database WHERE " + tagged("datname"))) {
    drop_database(admin, db);
  }
  for (const auto& role : column(admin, "SELECT rolname FROM pg_roles WHERE " + tagged("rolname"))) {
    admin.exec("DROP ROLE IF EXISTS " + quote_ident(role));
  }
}

std::vector<std::string> sweep_expired(Session& admin, long long now) {
  constexpr long long kGraceS = 60;
  auto expired = [&](const std::string& name) {
    auto expires = expiry_of(name);
    return expires && *expires + kGraceS < now;
  };
  std::vector<std::string> dropped;
  for (const auto& db : column(admin, "SELECT datname FROM pg_database WHERE datname LIKE 'sg\\_%'")) {
    if (!expired(db)) continue;
    terminate_backends(admin, "datname = " + quote_literal(db));
    drop_database(admin, db);
    dropped.push_back(db);
  }
  for (const auto& role : column(admin, "SELECT rolname FROM pg_roles WHERE rolname LIKE 'sg\\_%'")) {
    if (!expired(role)) continue;
    terminate_backends(admin, "usename = " + quote_literal(role));
    if (!admin.exec("DROP ROLE IF EXISTS " + quote_ident(role))) dropped.push_back(role);
  }
  std::sort(dropped.begin(), dropped.end());
  return dropped;
}

Result<std::unique_ptr<SharedServerReaper>> SharedServerReaper::start(const std::string& admin_url,
                                                                       const std::string& tag) {
  using Started = Result<std::unique_ptr<SharedServerReaper>>;
  int control[2];
  if (pipe2(control, O_CLOEXEC) != 0) {
    return Started::fail(std::string("--database-url: pipe: ") + std::strerror(errno));
  }
  pid_t pid = fork();
  if (pid < 0) {
    close(control[0]);
    close(control[1]);
    return Started::fail(std::string("--database-url: fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    close(control[1]);
    detach_reaper();
    control_closed(control[0], -1);
    if (auto admin = Session::connect(admin_url)) sweep_run(**admin.value, tag);
    _exit(0);
  }
  close(control[0]);
  std::unique_ptr<SharedServerReaper> reaper(new SharedServerReaper());
  reaper->control_fd_ = control[1];
  reaper->pid_ = pid;
  register_reaper(control[1], pid);
  return {std::move(reaper), {}};
}

void SharedServerReaper::stop() {
  if (pid_ <= 0) return;
  stop_reaper(control_fd_, pid_);
  pid_ = -1;
}

}  // namespace sg
