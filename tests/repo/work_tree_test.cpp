// The checkout as `status` and `gate` read it from disk: what git ignores is not part of it.
#include "layouts/work_tree.h"

#include <gtest/gtest.h>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

std::vector<std::string> paths(const Snapshot& s) {
  std::vector<std::string> out;
  for (const auto& [path, id] : s.blobs()) out.push_back(path);
  return out;
}

TEST(WorkTree, WhatGitIgnoresIsNotPartOfTheCheckout) {
  test::GitFixture repo;
  repo.write(".gitignore", "/out/\n*.tmp\n");
  repo.write("migrations/001_init.sql", "CREATE TABLE a (id int);\n");
  repo.commit("init");
  // Untracked but not ignored: a file the pipeline wrote counts, as the deploy tool would run it.
  repo.write("migrations/002_new.sql", "CREATE TABLE b (id int);\n");
  repo.write("migrations/003_draft.sql.tmp", "junk\n");
  repo.write("out/corpus/0001_generated.sql", "CREATE TABLE c (id int);\n");
  std::vector<std::string> errors;
  Snapshot all = work_tree_snapshot(repo.dir(), {}, errors);
  EXPECT_EQ(errors, std::vector<std::string>{});
  EXPECT_EQ(paths(all), (std::vector<std::string>{".gitignore", "migrations/001_init.sql",
                                                  "migrations/002_new.sql"}));
  // The same from a subdirectory of the repository, and with an explicit --dir.
  Snapshot sub = work_tree_snapshot((repo.path() / "migrations").string(), {}, errors);
  EXPECT_EQ(paths(sub), (std::vector<std::string>{"001_init.sql", "002_new.sql"}));
  Snapshot named = work_tree_snapshot(repo.dir(), {"out"}, errors);
  EXPECT_EQ(paths(named), std::vector<std::string>{});
}

TEST(WorkTree, OutsideGitEveryFileCounts) {
  test::TempDir dir;
  dir.write(".gitignore", "/out/\n");
  dir.write("out/001_init.sql", "CREATE TABLE a (id int);\n");
  std::vector<std::string> errors;
  Snapshot all = work_tree_snapshot(dir.path().string(), {}, errors);
  EXPECT_EQ(paths(all), (std::vector<std::string>{".gitignore", "out/001_init.sql"}));
}

}  // namespace
}  // namespace sg
