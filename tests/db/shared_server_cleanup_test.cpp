// --database-url on a shared server (a CI service container): whatever way the run ends (normal
// exit, Ctrl-C, SIGTERM, kill -9) no scratch database, role or backend of it stays behind; what
// a run whose reaper died too left is dropped by the next run, by the expiry in its name; and
// the password is never in the argv or environment of schemagate or of a process it started.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "db/ephemeral_server.h"
#include "db/session.h"
#include "db_support.h"
#include "test_support.h"

namespace sg {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// The server trusts local connections, so the password is never checked: it is here to be
// looked for where it must not appear.
constexpr char kPassword[] = "pw4711neverShown";

class SharedServer {
 public:
  SharedServer() {
    server_ = test::take(EphemeralServer::start(""), error_);
    if (server_) admin_ = test::take(Session::connect(server_->url()), error_);
  }
  const std::string& error() const { return error_; }
  std::string url_with_password() const {
    return server_->url() + "&password=" + kPassword;
  }
  std::vector<std::string> column(const std::string& sql) {
    std::vector<Row> rows;
    EXPECT_FALSE(admin_->query(sql, rows)) << sql;
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.at(0).value_or(""));
    return out;
  }
  void exec(const std::string& sql) { EXPECT_FALSE(admin_->exec(sql)) << sql; }
  // What a run leaves: databases and roles named sg_*, and backends still sleeping.
  std::vector<std::string> leftovers() {
    std::vector<std::string> out;
    for (auto& d : column("SELECT datname FROM pg_database WHERE datname LIKE 'sg\\_%' ORDER BY 1"))
      out.push_back("database " + d);
    for (auto& r : column("SELECT rolname FROM pg_roles WHERE rolname LIKE 'sg\\_%' ORDER BY 1"))
      out.push_back("role " + r);
    for (auto& q : column("SELECT query FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' "
                          "AND pid <> pg_backend_pid()"))
      out.push_back("backend " + q);
    return out;
  }
  bool migration_is_sleeping() {
    return !column("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%' "
                   "AND state = 'active'")
                .empty();
  }

 private:
  std::string error_;
  std::unique_ptr<EphemeralServer> server_;
  std::unique_ptr<Session> admin_;
};

bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit) {
  for (auto deadline = Clock::now() + limit; Clock::now() < deadline;) {
    if (done()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return done();
}

std::string proc_file(pid_t pid, const std::string& name) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `root` and every process below it (the reaper, the watchdog's forks, ...).
std::vector<pid_t> process_tree(pid_t root) {
  std::vector<pid_t> tree{root};
  for (size_t i = 0; i < tree.size(); ++i) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/proc", ec)) {
      std::string name = entry.path().filename().string();
      if (name.find_first_not_of("0123456789") != std::string::npos) continue;
      std::string stat = proc_file(std::stoi(name), "stat");
      size_t close = stat.rfind(')');
      if (close == std::string::npos) continue;
      std::istringstream rest(stat.substr(close + 2));
      std::string state;
      pid_t parent = 0;
      rest >> state >> parent;
      if (parent == tree[i]) tree.push_back(std::stoi(name));
    }
  }
  return tree;
}

// What `ps` and other users of the machine can read of each process of the run.
void expect_no_password_visible(pid_t root) {
  std::vector<pid_t> tree = process_tree(root);
  EXPECT_GE(tree.size(), 2u) << "the reaper should be running next to schemagate";
  for (pid_t pid : tree) {
    for (const char* file : {"cmdline", "environ"}) {
      std::string text = proc_file(pid, file);
      EXPECT_EQ(text.find(kPassword), std::string::npos)
          << "/proc/" << pid << "/" << file << " shows the password";
    }
  }
}

// Starts a round trip whose migration sleeps, on the shared server given as `how`, waits for
// the sleep, checks /proc, sends `sig`, and expects the server back as it was.
void expect_cleanup_after(int sig, const std::string& how) {
  SharedServer shared;
  ASSERT_EQ(shared.error(), "");
  test::TempDir io;
  auto up = io.write("up.sql", "SELECT pg_sleep(60);\n");
  std::vector<std::string> args{"roundtrip", "--up", up.string()};
  std::vector<std::string> env;
  if (how == "argv") args.insert(args.end(), {"--database-url", shared.url_with_password()});
  if (how == "env") env.push_back("SCHEMAGATE_DATABASE_URL=" + shared.url_with_password());
  if (how == "file") {
    auto file = io.write("database-url", shared.url_with_password() + "\n");
    args.insert(args.end(), {"--database-url-file", file.string()});
  }
  pid_t pid = test::spawn_schemagate(args, env, io.path().string());
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(wait_until([&] { return shared.migration_is_sleeping(); }, 60s))
      << "the migration never ran; stderr: " << test::read_file(io.path() / "stderr");
  expect_no_password_visible(pid);
  ASSERT_EQ(test::kill_and_reap(pid, sig), sig);
  if (sig != SIGKILL) {
    // The handler waits for the reaper before re-raising: the server is clean already.
    EXPECT_EQ(shared.leftovers(), std::vector<std::string>{});
  }
  wait_until([&] { return shared.leftovers().empty(); }, 20s);
  EXPECT_EQ(shared.leftovers(), std::vector<std::string>{});
  EXPECT_EQ(test::read_file(io.path() / "stderr").find(kPassword), std::string::npos);
}

TEST(SharedServerCleanup, AfterSigintWithTheUrlInTheEnvironment) {
  expect_cleanup_after(SIGINT, "env");
}
TEST(SharedServerCleanup, AfterKillDashNineWithTheUrlOnTheCommandLine) {
  expect_cleanup_after(SIGKILL, "argv");
}
TEST(SharedServerCleanup, AfterSigtermWithTheUrlInAFile) { expect_cleanup_after(SIGTERM, "file"); }

// A run killed together with its reaper (a runner that vanished) leaves its databases and role;
// the next run drops those past their expiry and nothing else: not a live run's (expiry ahead),
// not a name schemagate did not make.
TEST(SharedServerCleanup, TheNextRunDropsWhatDeadRunsLeftAndNothingElse) {
  SharedServer shared;
  ASSERT_EQ(shared.error(), "");
  const std::string dead = "1000000000_4242_deadbeef";
  const std::string live = std::to_string(std::time(nullptr) + 3600) + "_4243_0badcafe";
  shared.exec("CREATE ROLE sg_migrator_" + dead + " LOGIN");
  shared.exec("CREATE DATABASE sg_roundtrip_" + dead + "_work OWNER sg_migrator_" + dead);
  shared.exec("CREATE DATABASE sg_roundtrip_" + dead + "_pre");
  shared.exec("CREATE DATABASE sg_roundtrip_" + live + "_work");
  shared.exec("CREATE DATABASE sg_reports");
  test::TempDir io;
  auto up = io.write("up.sql", "CREATE TABLE t (id int);\n");
  auto down = io.write("down.sql", "DROP TABLE t;\n");
  auto r = test::run_schemagate({"roundtrip", "--up", up.string(), "--down", down.string(),
                                 "--database-url", shared.url_with_password()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(shared.leftovers(),
            (std::vector<std::string>{"database sg_reports",
                                      "database sg_roundtrip_" + live + "_work"}));
  shared.exec("DROP DATABASE sg_roundtrip_" + live + "_work");
  shared.exec("DROP DATABASE sg_reports");
}

}  // namespace
}  // namespace sg
