// The pull-request comment is about the change: on a 150-migration history with a 2-migration
// pull request it lists the 2 (newest first, every finding, round trip, checklist) and sums the
// history up in one line; held as a golden file with timings normalized.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

std::string number(int i) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%03d", i);
  return buf;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(CommentAboutTheChange, ALongHistoryIsOneLineAndTheChangeIsInFull) {
  test::GitFixture repo;
  for (int i = 1; i <= 150; ++i) {
    repo.write("migrations/" + number(i) + "_table_" + std::to_string(i) + ".sql",
               "CREATE TABLE t" + std::to_string(i) + " (id bigint PRIMARY KEY);\n");
    repo.write("migrations/rollback/" + number(i) + "_rollback.sql",
               "DROP TABLE t" + std::to_string(i) + ";\n");
  }
  repo.commit("history");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("migrations/151_t1_note.sql",
             "SET lock_timeout = '5s';\nALTER TABLE t1 ADD COLUMN note text;\n");
  repo.write("migrations/rollback/151_rollback.sql", "ALTER TABLE t1 DROP COLUMN note;\n");
  repo.write("migrations/152_t2_index.sql", "CREATE INDEX t2_id_idx ON t2 (id);\n");
  repo.write("migrations/rollback/152_rollback.sql", "DROP INDEX t2_id_idx;\n");
  repo.commit("two migrations");
  auto r = test::run_schemagate(
      {"check", "--base", "main", "--repo", repo.dir(), "--format", "markdown"});
  EXPECT_EQ(r.exit_code, 0) << r.err;  // warnings only
  const std::string& md = r.out;
  EXPECT_LT(md.size(), 12000u);
  EXPECT_EQ(count(md, "\n### "), 2u) << "a heading per changed migration, none for the history";
  EXPECT_LT(md.find("`152_t2_index`"), md.find("`151_t1_note`")) << "newest first";
  EXPECT_EQ(count(md, "<summary>Review checklist</summary>"), 2u);
  EXPECT_EQ(md.find("050_table_50"), std::string::npos) << "no history heading";
  EXPECT_NE(md.find("\n**History**: 150 unchanged migrations, 150 applied before the round trip "
                    "in "),
            std::string::npos)
      << md;

  // Timings and the server's minor version change from run to run; nothing else may.
  std::string normalized = std::regex_replace(md, std::regex("[0-9]+ ms"), "N ms");
  normalized = std::regex_replace(normalized, std::regex("PostgreSQL 15\\.[0-9]+"), "PostgreSQL 15");
  std::string golden = std::string(SG_SOURCE_DIR) + "/tests/golden/long_history_comment.md";
  if (std::getenv("SG_UPDATE_GOLDEN") != nullptr) std::ofstream(golden) << normalized;
  EXPECT_EQ(normalized, test::read_file(golden))
      << "differs from " << golden << " (SG_UPDATE_GOLDEN=1 rewrites it)";
}

}  // namespace
}  // namespace sg
