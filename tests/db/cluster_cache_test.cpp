// The cached cluster (db/cluster_cache.h): the first run publishes what initdb made, later runs
// start from a copy of it, concurrent first runs leave one whole entry, and an entry that is not
// whole is never used.
#include "db/cluster_cache.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "db/ephemeral_server.h"
#include "db/session.h"
#include "db_support.h"
#include "test_support.h"

namespace sg {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> entries(const fs::path& cache) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(cache, ec)) out.push_back(e.path().filename());
  std::sort(out.begin(), out.end());
  return out;
}

// Starts a server from `cache`, checks it answers as the migration role's server would, and
// returns whether its cluster came from the cache.
bool start_answers(const std::string& cache) {
  std::string error;
  auto server = test::take(EphemeralServer::start("", cache), error);
  EXPECT_NE(server, nullptr) << error;
  if (server == nullptr) return false;
  auto session = test::take(Session::connect(server->url()), error);
  EXPECT_NE(session, nullptr) << error;
  std::vector<Row> rows;
  if (session != nullptr) {
    EXPECT_FALSE(session->query("SELECT count(*) FROM pg_database WHERE datname = 'postgres'", rows));
    EXPECT_EQ(rows.size() == 1 ? rows[0][0].value_or("") : "", "1");
  }
  return server->from_cache();
}

TEST(ClusterCache, TheFirstRunPublishesAndTheNextStartsFromACopy) {
  test::TempDir cache;
  EXPECT_FALSE(start_answers(cache.path().string()));
  std::vector<std::string> made = entries(cache.path());
  ASSERT_EQ(made.size(), 1u);
  EXPECT_EQ(made[0].rfind("cluster-", 0), 0u) << made[0];
  EXPECT_TRUE(fs::exists(cache.path() / made[0] / "PG_VERSION"));
  struct stat st {};
  ASSERT_EQ(stat(cache.path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u) << "the cache is the invoking user's alone";

  EXPECT_TRUE(start_answers(cache.path().string()));
  EXPECT_TRUE(start_answers(cache.path().string())) << "the entry is copied, never used in place";
  EXPECT_EQ(entries(cache.path()), made);
}

// Concurrent runs are processes (CI jobs sharing a runner's cache), so this test forks: each
// child starts its own server from the same empty cache.
TEST(ClusterCache, ConcurrentFirstRunsLeaveOneWholeEntry) {
  test::TempDir cache;
  std::vector<pid_t> runs;
  for (int i = 0; i < 3; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      std::string error;
      auto server = test::take(EphemeralServer::start("", cache.path().string()), error);
      _exit(server != nullptr ? 0 : 1);
    }
    runs.push_back(pid);
  }
  for (pid_t pid : runs) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a run failed to start";
  }
  std::vector<std::string> made = entries(cache.path());
  ASSERT_EQ(made.size(), 1u) << "no temp copy is left behind: " << made.size();
  EXPECT_TRUE(fs::exists(cache.path() / made[0] / "PG_VERSION"));
  EXPECT_TRUE(start_answers(cache.path().string()));
}

TEST(ClusterCache, AnEntryThatIsNotWholeIsIgnored) {
  test::TempDir cache;
  EXPECT_FALSE(start_answers(cache.path().string()));
  std::vector<std::string> made = entries(cache.path());
  ASSERT_EQ(made.size(), 1u);
  fs::remove(cache.path() / made[0] / "PG_VERSION");
  EXPECT_FALSE(start_answers(cache.path().string())) << "a broken entry must not be started";
}

TEST(ClusterCache, NoCacheDirMeansInitdbEveryTime) {
  EXPECT_FALSE(start_answers(""));
  EXPECT_EQ(cluster_cache_entry("", "/usr/bin/true", "/usr/bin/true", {}), "");
  EXPECT_NE(cluster_cache_entry("/c", "/usr/bin/true", "/usr/bin/true", {"-E", "UTF8"}),
            cluster_cache_entry("/c", "/usr/bin/true", "/usr/bin/true", {"-E", "SQL_ASCII"}))
      << "initdb's options are part of the key";
}

}  // namespace
}  // namespace sg
