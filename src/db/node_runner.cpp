#include "db/node_runner.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "util/child_env.h"
#include "util/live_reapers.h"
#include "util/unprivileged_user.h"

namespace sg {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// How the runner's connections show in pg_stat_activity (the lock watch finds them by it).
constexpr const char* kApplicationName = "schemagate sequelize runner";

std::string find_node() {
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    for (const char* name : {"node", "nodejs"}) {
      std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
      if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    start = end + 1;
  }
  return "";
}

// {"host","port","database","user","password"} of a libpq URL or key=value string.
Json connection_of(const std::string& url) {
  Json out = Json::object();
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    if (error != nullptr) PQfreemem(error);
    return out;
  }
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr) continue;
    std::string key = o->keyword;
    if (key == "host" || key == "user" || key == "password") out[key] = o->val;
    if (key == "dbname") out["database"] = o->val;
    if (key == "port") out["port"] = std::atoi(o->val);
  }
  PQconninfoFree(options);
  if (!out.contains("host")) out["host"] = "/var/run/postgresql";
  if (!out.contains("port")) out["port"] = 5432;
  return out;
}

Position position_of(const Json& j) {
  Position p;
  if (j.is_object()) {
    if (j.contains("line") && j["line"].is_number()) p.line = j["line"].get<int>();
    if (j.contains("column") && j["column"].is_number()) p.column = j["column"].get<int>();
  }
  return p;
}

std::string text_of(const Json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

bool write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

std::vector<std::string> shipped_node_modules() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("SG_NODE_MODULES")) candidates.emplace_back(env);
  candidates.emplace_back("/usr/local/lib/schemagate/node_modules");
  candidates.emplace_back(std::string(SG_SOURCE_DIR) + "/runner/sequelize/node_modules");
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& dir : candidates) {
    if (fs::is_directory(fs::path(dir) / "sequelize", ec)) out.push_back(dir);
  }
  return out;
}

Result<std::unique_ptr<NodeRunner>> NodeRunner::start(const NodeRunnerOptions& options) {
  using Out = Result<std::unique_ptr<NodeRunner>>;
  std::string node = find_node();
  if (node.empty()) {
    return Out::fail("node: not found on PATH (Sequelize migrations run on Node.js; install "
                     "Debian's nodejs, as scripts/setup.sh does)");
  }
  std::unique_ptr<NodeRunner> runner(new NodeRunner());
  runner->run_timeout_s_ = options.run_timeout_s;
  std::string templ = (fs::temp_directory_path() / "schemagate-node-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr) {
    return Out::fail(std::string("cannot create a temp dir for the Node runner: ") +
                     std::strerror(errno));
  }
  runner->dir_ = templ;
  runner->start_dir_reaper();
  RunAs user = unprivileged_user();
  chmod(templ.c_str(), 0755);
  {
    std::ofstream js(templ + "/runner.cjs");
    js << sequelize_runner_source();
  }
  // The migrations' own require('sequelize') resolves from their folder up: the shipped modules.
  std::vector<std::string> shipped = shipped_node_modules();
  std::error_code ec;
  fs::create_directories(templ + "/tree", ec);
  if (!shipped.empty()) fs::create_directory_symlink(shipped.front(), templ + "/node_modules", ec);
  if (user.drop) {
    for (const auto& entry : fs::recursive_directory_iterator(templ, ec)) {
      lchown(entry.path().c_str(), user.uid, user.gid);
    }
    lchown(templ.c_str(), user.uid, user.gid);
  }
  int in_pipe[2];
  int out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0) {
    return Out::fail(std::string("pipe: ") + std::strerror(errno));
  }
  ChildEnvironment env(scrubbed_environment({"NODE_ENV=" + options.node_env, "HOME=" + templ}));
  std::vector<std::string> argv = {node, templ + "/runner.cjs"};
  std::string log = templ + "/node.log";
  bool isolate = options.isolate_network && geteuid() == 0;
  pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    signal(SIGPIPE, SIG_DFL);
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 3);
    int logfd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (logfd >= 0) {
      dup2(logfd, 1);
      dup2(logfd, 2);
    }
    if (isolate && unshare(CLONE_NEWNET) != 0) _exit(126);
    if (!become(user) || chdir(templ.c_str()) != 0) _exit(126);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    execve(args[0], args.data(), env.envp());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  if (pid < 0) {
    close(in_pipe[1]);
    close(out_pipe[0]);
    return Out::fail(std::string("fork: ") + std::strerror(errno));
  }
  runner->pid_ = pid;
  runner->to_node_ = in_pipe[1];
  runner->from_node_ = out_pipe[0];
  std::vector<std::string> paths = options.module_paths;
  paths.insert(paths.end(), shipped.begin(), shipped.end());
  Json init = {{"op", "init"},
               {"connection", connection_of(options.database_url)},
               {"module_paths", paths},
               {"lock_timeout_ms", options.lock_timeout_ms},
               {"statement_timeout_ms", options.statement_timeout_ms},
               {"application_name", kApplicationName}};
  std::string reply;
  if (auto e = runner->request(init.dump(), 60, reply)) return Out::fail("Node runner: " + *e);
  Json j = Json::parse(reply, nullptr, false);
  if (!j.is_object() || !j.value("ok", false)) {
    std::string why = j.is_object() && j.contains("error") ? text_of(j["error"], "message") : reply;
    return Out::fail("Node runner: " + why);
  }
  runner->sequelize_version_ = text_of(j, "sequelize_version");
  runner->sequelize_path_ = text_of(j, "sequelize_path");
  // Best effort: without it a migration waiting for itself still ends, at lock_timeout.
  if (auto watch = RunnerLockWatch::start(options.database_url, kApplicationName)) {
    runner->lock_watch_ = std::move(*watch.value);
  }
  return Out{std::move(runner), ""};
}

std::optional<std::string> NodeRunner::request(const std::string& line, int timeout_s,
                                               std::string& reply) {
  if (pid_ < 0) return std::string("the runner has stopped");
  if (!write_all(to_node_, line + "\n")) {
    stop();
    return std::string("the runner exited (see what it printed above)");
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  while (true) {
    size_t nl = buffered_.find('\n');
    if (nl != std::string::npos) {
      reply = buffered_.substr(0, nl);
      buffered_.erase(0, nl + 1);
      return std::nullopt;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      stop();
      return "did not settle within " + std::to_string(timeout_s) + " s; stopped";
    }
    pollfd p{from_node_, POLLIN, 0};
    // While the runner works, the watch looks a few times a second for a query of it that
    // waits for its own transaction's lock.
    int wait_ms = static_cast<int>(lock_watch_ ? std::min<long>(left, 250) : left);
    int ready = poll(&p, 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0 && lock_watch_) lock_watch_->cancel_waits_on_itself();
    if (ready <= 0) continue;
    char buffer[65536];
    ssize_t n = read(from_node_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::string tail;
      std::ifstream log(dir_ + "/node.log");
      std::string l;
      while (std::getline(log, l)) tail = l.empty() ? tail : l;
      stop();
      return "the runner exited" + (tail.empty() ? std::string() : ": " + tail);
    }
    buffered_.append(buffer, static_cast<size_t>(n));
  }
}

ScriptCapture NodeRunner::run(const std::string& path, const std::string& text,
                              Direction direction) {
  ScriptCapture out;
  std::error_code ec;
  fs::path file = fs::path(dir_) / "tree" / path;
  if (!fs::exists(file, ec)) {
    fs::create_directories(file.parent_path(), ec);
    std::ofstream(file) << text;
    RunAs user = unprivileged_user();
    if (user.drop) {
      for (fs::path p = file; p != fs::path(dir_) && !p.empty(); p = p.parent_path()) {
        lchown(p.c_str(), user.uid, user.gid);
      }
    }
  }
  Json command = {{"op", "run"},
                  {"file", file.string()},
                  {"direction", direction == Direction::kUp ? "up" : "down"}};
  std::string reply;
  if (lock_watch_) lock_watch_->take();
  if (auto e = request(command.dump(), run_timeout_s_, reply)) {
    bool timed_out = e->rfind("did not settle", 0) == 0;
    out.failure = RunnerFailure{timed_out ? "timeout" : "runner", "the Node runner " + *e, "",
                                Position{}};
    return out;
  }
  Json j = Json::parse(reply, nullptr, false);
  if (!j.is_object()) {
    out.failure = RunnerFailure{"runner", "the Node runner answered: " + reply, "", Position{}};
    return out;
  }
  out.ms = j.value("ms", 0.0);
  for (const auto& s : j.value("statements", Json::array())) {
    CapturedStatement c;
    c.sql = text_of(s, "sql");
    c.at = position_of(s);
    c.transaction = s.contains("transaction") && s["transaction"].is_string()
                        ? s["transaction"].get<std::string>()
                        : "";
    if (s.contains("outside_transaction") && s["outside_transaction"].is_object()) {
      c.outside_transaction = position_of(s["outside_transaction"]);
    }
    out.statements.push_back(std::move(c));
  }
  if (j.contains("error") && j["error"].is_object()) {
    const Json& e = j["error"];
    out.failure = RunnerFailure{text_of(e, "kind"), text_of(e, "message"), text_of(e, "sqlstate"),
                                position_of(e)};
    if (out.failure->kind == "sql" && out.failure->sqlstate == "57014" && lock_watch_ &&
        lock_watch_->take()) {
      out.failure->message =
          "this query waits for a lock held by the transaction the migration has open, and the "
          "migration awaits the query before it ends that transaction: it never finishes (in "
          "production it waits until lock_timeout, then fails); schemagate canceled it";
    }
  }
  for (const auto& r : j.value("env_reads", Json::array())) {
    out.env_reads.push_back({"process.env." + text_of(r, "name"), position_of(r)});
  }
  for (const auto& c : j.value("commands", Json::array())) {
    out.commands.push_back({text_of(c, "call") + " " + text_of(c, "command"), position_of(c)});
  }
  return out;
}

void NodeRunner::stop() {
  if (to_node_ >= 0) close(to_node_);
  to_node_ = -1;
  if (pid_ > 0) {
    // EOF on stdin makes the runner close its pool and exit; a hung one is killed.
    for (int i = 0; i < 40; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        break;
      }
      usleep(50000);
    }
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }
  if (from_node_ >= 0) close(from_node_);
  from_node_ = -1;
}

// The temp dir goes on every exit path, Ctrl-C and SIGKILL included: a reaper process removes
// it when the pipe only this process holds closes (util/live_reapers.h).
void NodeRunner::start_dir_reaper() {
  int control[2];
  if (pipe2(control, O_CLOEXEC) != 0) return;
  pid_t pid = fork();
  if (pid == 0) {
    detach_reaper();
    // Hold no other pipe open: another reaper (the embedded server's) waits for its EOF.
    for (int fd = 3; fd < 1024; ++fd) {
      if (fd != control[0]) close(fd);
    }
    control_closed(control[0], -1);
    std::error_code ec;
    fs::remove_all(dir_, ec);
    _exit(0);
  }
  close(control[0]);
  if (pid < 0) {
    close(control[1]);
    return;
  }
  reaper_fd_ = control[1];
  reaper_pid_ = pid;
  register_reaper(reaper_fd_, reaper_pid_);
}

NodeRunner::~NodeRunner() {
  stop();
  if (reaper_pid_ > 0) {
    stop_reaper(reaper_fd_, reaper_pid_);
  } else if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

}  // namespace sg
