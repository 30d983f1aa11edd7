#include "db/ephemeral_server.h"
#include "util/unprivileged_user.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>
#include <vector>

#include "db/cluster_cache.h"
#include "util/child_env.h"
#include "util/live_reapers.h"
#include "util/percent_encoding.h"

namespace sg {
namespace {

namespace fs = std::filesystem;
constexpr int kPort = 5432;
constexpr int kStartTimeoutMs = 60000;

bool executable(const fs::path& p) { return access(p.c_str(), X_OK) == 0; }

bool has_both(const fs::path& dir, PostgresBinaries& out) {
  if (!executable(dir / "initdb") || !executable(dir / "postgres")) return false;
  out = {(dir / "initdb").string(), (dir / "postgres").string()};
  return true;
}

RunAs run_as() { return unprivileged_user(); }

// In a forked child: become the server user, log to `log_path`, exec with `env` (scrubbed:
// pull-request SQL runs in this server). Never returns.
[[noreturn]] void exec_as(const RunAs& user, const std::string& cwd, const std::string& log_path,
                          const std::vector<std::string>& argv, const ChildEnvironment& env) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  signal(SIGINT, SIG_DFL);  // the reaper ignores them; ignored signals survive exec
  signal(SIGTERM, SIG_DFL);
  signal(SIGPIPE, SIG_DFL);
  int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  int null = open("/dev/null", O_RDONLY);
  if (log >= 0) {
    dup2(log, 1);
    dup2(log, 2);
  }
  if (null >= 0) dup2(null, 0);
  if (!become(user)) {
    _exit(126);
  }
  if (chdir(cwd.c_str()) != 0) _exit(126);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execve(args[0], args.data(), env.envp());
  _exit(127);
}

pid_t spawn(const RunAs& user, const std::string& cwd, const std::string& log_path,
            const std::vector<std::string>& argv, const ChildEnvironment& env) {
  pid_t pid = fork();
  if (pid == 0) exec_as(user, cwd, log_path, argv, env);
  return pid;
}

bool write_file(const std::string& path, const std::string& text) {
  int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  return ok;
}

// Defence in depth: the server gets a network namespace of its own (no interface but a down
// loopback; it listens on a unix socket only, which needs none). Root can unshare the network
// alone; anyone else needs a user namespace first, mapping their own ids onto themselves so the
// server still runs as the same user. Returns "" when isolated, else why not.
std::string isolate_network() {
  if (geteuid() == 0) {
    return unshare(CLONE_NEWNET) == 0 ? "" : std::string("unshare: ") + std::strerror(errno);
  }
  uid_t uid = geteuid();
  gid_t gid = getegid();
  if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) {
    return std::string("unshare (user and network namespace): ") + std::strerror(errno);
  }
  bool mapped = write_file("/proc/self/setgroups", "deny") &&
                write_file("/proc/self/uid_map", std::to_string(uid) + " " + std::to_string(uid) + " 1") &&
                write_file("/proc/self/gid_map", std::to_string(gid) + " " + std::to_string(gid) + " 1");
  return mapped ? "" : std::string("cannot map the user namespace: ") + std::strerror(errno);
}

// Stops `pid` (SIGQUIT: immediate shutdown, the data is thrown away anyway), SIGKILL after 5 s.
void terminate_child(pid_t pid) {
  kill(pid, SIGQUIT);
  for (int i = 0; i < 500; ++i) {
    if (waitpid(pid, nullptr, WNOHANG) == pid) return;
    usleep(10000);
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
}

// Writes `text` to a new file at `path` for the parent to read; best effort.
void mark_file(const std::string& path, const std::string& text) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return;
  ssize_t written = write(fd, text.data(), text.size());
  (void)written;
  close(fd);
}

// The reaper: initdb (or a copy of a cached cluster), then the server, until the control pipe
// closes; then clean up.
// Status bytes to the parent: 'I' initdb failed, 'P' the server exited.
[[noreturn]] void reaper_main(const PostgresBinaries& bin, const std::string& cache_dir,
                              const std::string& dir, int control_fd, int status_fd) {
  detach_reaper();
  RunAs user = run_as();
  ChildEnvironment env(scrubbed_environment());
  // An unreadable file reads as "not isolated: unknown".
  mark_file(dir + "/network", isolate_network());
  std::string data = dir + "/data";
  const std::vector<std::string> options = {"-A",       "trust",       "-U",        "postgres",
                                            "-E",       "UTF8",        "--locale=C", "--no-sync",
                                            "--no-instructions"};
  std::string entry = cluster_cache_entry(cache_dir, bin.initdb, bin.postgres, options);
  auto start_server = [&] {
    return spawn(
        user, dir, dir + "/server.log",
        {bin.postgres, "-D", data, "-p", std::to_string(kPort), "-c", "listen_addresses=", "-c",
         "unix_socket_directories=" + dir, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c",
         "full_page_writes=off", "-c", "max_connections=30"},
        env);
  };
  bool initdb_running = false;
  pid_t child = -1;
  if (restore_cluster(entry, data, user)) {
    mark_file(dir + "/cluster-from-cache", "");
    child = start_server();
  } else {
    std::vector<std::string> argv = {bin.initdb, "-D", data};
    argv.insert(argv.end(), options.begin(), options.end());
    child = spawn(user, dir, dir + "/initdb.log", argv, env);
    initdb_running = true;
  }
  for (;;) {
    if (control_closed(control_fd, 20)) break;
    if (child <= 0) continue;
    int status = 0;
    if (waitpid(child, &status, WNOHANG) != child) continue;
    bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (initdb_running && ok) {
      initdb_running = false;
      publish_cluster(data, entry);
      child = start_server();
    } else {
      char code = initdb_running ? 'I' : 'P';
      child = -1;
      ssize_t written = write(status_fd, &code, 1);
      (void)written;  // nobody may be listening any more; cleanup goes on regardless
    }
  }
  if (child > 0) terminate_child(child);
  std::error_code ec;
  fs::remove_all(dir, ec);
  _exit(0);
}

std::string last_lines(const std::string& path, size_t count) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(line);
  }
  std::string out;
  for (size_t i = lines.size() > count ? lines.size() - count : 0; i < lines.size(); ++i) {
    out += (out.empty() ? "" : " | ") + lines[i];
  }
  return out;
}

bool server_ready(const std::string& dir) {
  std::ifstream in(dir + "/data/postmaster.pid");
  std::string line;
  for (int i = 0; i < 8 && std::getline(in, line); ++i) {
  }
  return line.rfind("ready", 0) == 0;
}

std::string temp_root() {
  // A unix socket path holds at most 107 bytes; long TMPDIRs fall back to /tmp.
  const char* env = std::getenv("TMPDIR");
  if (env != nullptr && *env != '\0' && std::strlen(env) < 60) return env;
  return "/tmp";
}

}  // namespace

Result<PostgresBinaries> find_postgres_binaries(const std::string& preferred_dir) {
  PostgresBinaries out;
  if (!preferred_dir.empty()) {
    if (has_both(preferred_dir, out)) return {out, {}};
    return Result<PostgresBinaries>::fail("--postgres-bin " + preferred_dir +
                                          ": no initdb and postgres executables there");
  }
  if (const char* path = std::getenv("PATH")) {
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
      if (!dir.empty() && has_both(dir, out)) return {out, {}};
    }
  }
  std::vector<fs::path> versions;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    versions.push_back(entry.path() / "bin");
  }
  std::sort(versions.begin(), versions.end(), [](const fs::path& a, const fs::path& b) {
    return std::atoi(a.parent_path().filename().c_str()) >
           std::atoi(b.parent_path().filename().c_str());
  });
  for (const auto& dir : versions) {
    if (has_both(dir, out)) return {out, {}};
  }
  return Result<PostgresBinaries>::fail(
      "cannot find the PostgreSQL server programs initdb and postgres (looked in PATH and "
      "/usr/lib/postgresql/*/bin): install PostgreSQL or pass --postgres-bin DIR");
}

Result<std::unique_ptr<EphemeralServer>> EphemeralServer::start(const std::string& postgres_bin,
                                                                 const std::string& cache_dir) {
  using Started = Result<std::unique_ptr<EphemeralServer>>;
  auto started = std::chrono::steady_clock::now();
  auto found = find_postgres_binaries(postgres_bin);
  if (!found) return Started::fail(found.error);
  const PostgresBinaries& bin = *found.value;
  std::string pattern = temp_root() + "/schemagate-pg-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) {
    return Started::fail("embedded PostgreSQL: cannot create a temp dir in " + temp_root() + ": " +
                         std::strerror(errno));
  }
  std::string dir = buffer.data();
  RunAs user = run_as();
  if (user.drop && chown(dir.c_str(), user.uid, user.gid) != 0) {
    std::string error = "embedded PostgreSQL: " + dir +
                        ": cannot hand the dir to the server user: " + std::strerror(errno);
    fs::remove_all(dir);
    return Started::fail(error);
  }
  int control[2];
  int status[2];
  if (pipe2(control, O_CLOEXEC) != 0 || pipe2(status, O_CLOEXEC) != 0) {
    std::string error = std::string("embedded PostgreSQL: pipe: ") + std::strerror(errno);
    fs::remove_all(dir);
    return Started::fail(error);
  }
  pid_t reaper = fork();
  if (reaper == 0) {
    close(control[1]);
    close(status[0]);
    reaper_main(bin, cache_dir, dir, control[0], status[1]);
  }
  close(control[0]);
  close(status[1]);
  std::unique_ptr<EphemeralServer> server(new EphemeralServer());
  server->dir_ = dir;
  server->control_fd_ = control[1];
  server->reaper_pid_ = reaper;
  register_reaper(control[1], reaper);

  for (int waited = 0; !server_ready(dir); waited += 10) {
    pollfd p{status[0], POLLIN, 0};
    char code = 0;
    bool failed = poll(&p, 1, 10) > 0 && read(status[0], &code, 1) == 1;
    if (failed || waited > kStartTimeoutMs) {
      std::string log = code == 'I' ? dir + "/initdb.log" : dir + "/server.log";
      close(status[0]);
      // server's destructor stops the reaper, which removes the dir
      return Started::fail(std::string("embedded PostgreSQL: ") +
                           (code == 'I' ? "initdb failed: " : "the server did not start: ") +
                           last_lines(log, 3));
    }
  }
  close(status[0]);
  {
    std::ifstream in(dir + "/network");
    server->network_isolation_ =
        in ? std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())
           : "unknown";
  }
  server->from_cache_ = fs::exists(dir + "/cluster-from-cache");
  server->startup_ms_ =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return {std::move(server), {}};
}

EphemeralServer::~EphemeralServer() { stop(); }

void EphemeralServer::stop() {
  if (reaper_pid_ <= 0) return;
  stop_reaper(control_fd_, reaper_pid_);
  reaper_pid_ = -1;
}

std::string EphemeralServer::url(const std::string& database, const std::string& user) const {
  return "postgresql:///" + database + "?host=" + percent_encode(dir_) +
         "&port=" + std::to_string(kPort) + "&user=" + percent_encode(user);
}

}  // namespace sg
