// `schemagate lint` on statements inside DO blocks: findings at the nested statement's place.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace sg {
namespace {

TEST(PlpgsqlLintCli, FindingInsideDoBlockPointsAtTheNestedStatement) {
  test::TempDir dir;
  auto file = dir.write("005_backfill.sql",
                        "-- backfill tiers\n"
                        "DO $$\n"
                        "BEGIN\n"
                        "    UPDATE users SET tier = 'basic' WHERE tier IS NULL;\n"
                        "END $$;\n");
  auto r = test::run_schemagate({"lint", "--format", "json", file.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["findings"].size(), 1u) << r.out;
  const auto& f = j["findings"][0];
  EXPECT_EQ(f["rule_id"], "unbatched-backfill");
  EXPECT_EQ(f["line"], 4);
  EXPECT_EQ(f["column"], 5);
  EXPECT_EQ(f["risk"], "HIGH");
  EXPECT_EQ(f["message"],
            "UPDATE of existing table users is not batched: it locks every row it touches until "
            "it commits and can run for minutes");
}

TEST(PlpgsqlLintCli, BatchingLoopInDoBlockIsClean) {
  test::TempDir dir;
  auto file = dir.write("006_backfill.sql",
                        "DO $$\n"
                        "BEGIN\n"
                        "  LOOP\n"
                        "    UPDATE users SET tier = 'basic'\n"
                        "    WHERE id IN (SELECT id FROM users WHERE tier IS NULL LIMIT 10000);\n"
                        "    EXIT WHEN NOT FOUND;\n"
                        "  END LOOP;\n"
                        "END $$;\n");
  auto r = test::run_schemagate({"lint", file.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // No finding, but a backfill, batched or not, is still a data migration (seed 004): HIGH.
  EXPECT_EQ(r.out, file.string() +
                       ": risk HIGH (updates rows of users) - approvals: VP Engineering, CTO\n"
                       "0 errors, 0 warnings in 1 file\n");
}

}  // namespace
}  // namespace sg
