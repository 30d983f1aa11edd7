// The embedded server: who runs it, where it listens, and that nothing outlives schemagate.
#include "db/ephemeral_server.h"

#include <gtest/gtest.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "db/session.h"
#include "db_support.h"
#include "test_support.h"

namespace sg {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

bool alive(pid_t pid) { return kill(pid, 0) == 0 || errno != ESRCH; }

pid_t postmaster_pid(const std::string& dir) {
  std::ifstream in(dir + "/data/postmaster.pid");
  long pid = 0;
  in >> pid;
  return static_cast<pid_t>(pid);
}

TEST(EphemeralServer, RunsUnprivilegedOnlyOnASocketInItsOwnDirAndLeavesNothing) {
  std::string error;
  auto server = test::take(EphemeralServer::start(""), error);
  ASSERT_NE(server, nullptr) << error;
  const std::string dir = server->dir();
  struct stat st {};
  ASSERT_EQ(stat(dir.c_str(), &st), 0);
  pid_t server_pid = postmaster_pid(dir);
  ASSERT_GT(server_pid, 0);
  struct stat proc {};
  ASSERT_EQ(stat(("/proc/" + std::to_string(server_pid)).c_str(), &proc), 0);
  if (geteuid() == 0) {
    // The dedicated account (scripts/setup.sh and the image create it), else nobody.
    const passwd* pw = getpwnam(kServerUser);
    if (pw == nullptr) pw = getpwnam("nobody");
    ASSERT_NE(pw, nullptr);
    EXPECT_EQ(st.st_uid, pw->pw_uid) << "the server must not run as root";
    EXPECT_EQ(proc.st_uid, pw->pw_uid);
    const passwd* postgres = getpwnam("postgres");
    if (postgres != nullptr) {
      EXPECT_NE(proc.st_uid, postgres->pw_uid) << "never as postgres";
    }
  } else {
    EXPECT_EQ(proc.st_uid, geteuid());
  }
  EXPECT_TRUE(fs::exists(dir + "/.s.PGSQL.5432"));
  auto session = test::take(Session::connect(server->url()), error);
  ASSERT_NE(session, nullptr) << error;
  std::vector<Row> rows;
  ASSERT_FALSE(
      session->query("SELECT current_setting('listen_addresses'), "
                     "current_setting('fsync'), current_setting('full_page_writes')",
                     rows));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at(0).value_or("?"), "");
  EXPECT_EQ(rows[0].at(1).value_or("?"), "off");
  EXPECT_EQ(rows[0].at(2).value_or("?"), "off");
  session.reset();
  pid_t postmaster = postmaster_pid(dir);
  ASSERT_GT(postmaster, 0);
  server->stop();
  EXPECT_FALSE(fs::exists(dir));
  EXPECT_FALSE(alive(postmaster));
  EXPECT_TRUE(test::processes_in(dir).empty());
}

TEST(EphemeralServer, MissingBinariesAreAClearError) {
  std::string error;
  auto server = test::take(EphemeralServer::start("/nonexistent/bin"), error);
  EXPECT_EQ(server, nullptr);
  EXPECT_EQ(error, "--postgres-bin /nonexistent/bin: no initdb and postgres executables there");
}

// Runs `schemagate roundtrip` on a migration that sleeps, waits until the sleep runs on the
// embedded server, sends `sig`, and checks that no server process or directory remains.
void expect_cleanup_after(int sig) {
  test::TempDir tmp;
  test::TempDir io;
  auto up = io.write("up.sql", "SELECT pg_sleep(60);\n");
  pid_t pid = test::spawn_schemagate({"roundtrip", "--up", up.string()},
                                     {"TMPDIR=" + tmp.path().string()}, io.path().string());
  ASSERT_GT(pid, 0);
  std::string dir;
  bool sleeping = false;
  for (auto deadline = Clock::now() + 60s; !sleeping && Clock::now() < deadline;) {
    std::this_thread::sleep_for(50ms);
    for (const auto& entry : fs::directory_iterator(tmp.path())) dir = entry.path().string();
    if (dir.empty() || !fs::exists(dir + "/.s.PGSQL.5432")) continue;
    std::string error;
    auto session =
        test::take(Session::connect("host=" + dir + " port=5432 user=postgres dbname=postgres"), error);
    std::vector<Row> rows;
    sleeping = session &&
               !session->query(
                   "SELECT 1 FROM pg_stat_activity WHERE query LIKE "
                   "'SELECT pg_sleep(60)%' AND state = 'active'",
                   rows) &&
               !rows.empty();
  }
  ASSERT_TRUE(sleeping) << "the migration never ran; stderr: "
                        << test::read_file(io.path() / "stderr");
  pid_t postmaster = postmaster_pid(dir);
  ASSERT_GT(postmaster, 0);
  ASSERT_EQ(test::kill_and_reap(pid, sig), sig);
  if (sig != SIGKILL) {
    // The handler waits for the reaper before re-raising: everything is gone already.
    EXPECT_FALSE(fs::exists(dir));
  }
  for (auto deadline = Clock::now() + 10s; Clock::now() < deadline;) {
    if (!fs::exists(dir) && !alive(postmaster) && test::processes_in(dir).empty()) break;
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_FALSE(fs::exists(dir)) << dir << " outlived schemagate";
  EXPECT_FALSE(alive(postmaster)) << "postmaster " << postmaster << " outlived schemagate";
  EXPECT_TRUE(test::processes_in(dir).empty()) << "a server process outlived schemagate";
}

TEST(EphemeralServerCleanup, AfterKillDashNineMidMigration) { expect_cleanup_after(SIGKILL); }
TEST(EphemeralServerCleanup, AfterSigintMidMigration) { expect_cleanup_after(SIGINT); }
TEST(EphemeralServerCleanup, AfterSigtermMidMigration) { expect_cleanup_after(SIGTERM); }

}  // namespace
}  // namespace sg
