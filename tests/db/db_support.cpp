#include "db_support.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "core/severity.h"
#include "rules/database_rules.h"
#include "test_support.h"

namespace sg::test {
namespace {

namespace fs = std::filesystem;

struct Shared {
  std::unique_ptr<EphemeralServer> server;
  std::string error;
  bool tried = false;
};

Shared& shared() {
  static Shared s;
  return s;
}

}  // namespace

EphemeralServer* shared_server() {
  Shared& s = shared();
  if (!s.tried) {
    s.tried = true;
    s.server = test::take(EphemeralServer::start(""), s.error);
  }
  return s.server.get();
}

const std::string& shared_server_error() { return shared().error; }

Script script(const std::string& path, const std::string& text, TransactionMode mode) {
  return Script{path, text, mode, {}};
}

Migration migration(const std::string& id, std::optional<Script> up, std::optional<Script> down,
                    ChangeKind change) {
  Migration m;
  m.id = id;
  m.up = std::move(up);
  m.down = std::move(down);
  m.change = change;
  return m;
}

RoundTripWithFindings with_findings(RoundTripReport report) {
  RoundTripWithFindings out;
  out.findings = run_database_rules(report.facts, RuleSet::defaults());
  static_cast<RoundTripReport&>(out) = std::move(report);
  return out;
}

RoundTripWithFindings roundtrip_on_shared(const MigrationSet& set, int timeout_ms) {
  RoundTripOptions options;
  EphemeralServer* server = shared_server();
  options.database_url = server != nullptr ? server->url() : "postgresql:///no-shared-server";
  options.lock_timeout_ms = timeout_ms;
  options.statement_timeout_ms = timeout_ms;
  return with_findings(run_roundtrip(set, options));
}

std::string finding_line(const Finding& f) {
  return f.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + ": " +
         std::string(to_string(f.severity)) + ": " + f.message + " [" + f.rule_id + "]";
}

std::vector<pid_t> processes_in(const std::string& dir) {
  std::vector<pid_t> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::error_code link_ec;
    std::string cwd = fs::read_symlink(entry.path() / "cwd", link_ec).string();
    if (!link_ec && cwd.rfind(dir, 0) == 0) out.push_back(std::stoi(name));
  }
  return out;
}

int kill_and_reap(pid_t pid, int sig) {
  if (kill(pid, sig) != 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFSIGNALED(status)) return -1;
  return WTERMSIG(status);
}

pid_t spawn_schemagate(const std::vector<std::string>& args, const std::vector<std::string>& env,
                       const std::string& io_dir) {
  pid_t pid = fork();
  if (pid == 0) {
    int out = open((io_dir + "/stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open((io_dir + "/stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, 1);
    dup2(err, 2);
    for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> argv{const_cast<char*>(SG_BINARY)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

}  // namespace sg::test
