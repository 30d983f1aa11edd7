// The lock model against a lock trace, on traces built by hand for what the real trace cannot
// be made to show on demand (a model that over-predicts); lock_trace_test.cpp has the real one.
#include <gtest/gtest.h>

#include "db/lock_disagreements.h"
#include "db_support.h"

namespace sg {
namespace {

LockTrace observed(std::map<std::string, LockMode> held) {
  LockTrace trace;
  trace.existing_tables = {"users", "audit.events"};
  trace.statements.push_back({Position{2, 1}, 1.0, std::move(held)});
  return trace;
}

const std::string kUp = "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN nick text;\n";

TEST(LockDisagreements, APredictedLockWeakerInTheTraceIsPredictedNotTaken) {
  auto d = compare_with_lock_model(test::script("002.sql", kUp),
                                   observed({{"users", LockMode::kShareUpdateExclusive}}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].file, "002.sql");
  EXPECT_EQ(d[0].line, 2);
  EXPECT_EQ(d[0].kind, "predicted-not-taken");
  EXPECT_EQ(d[0].detail,
            "the lock model predicts ACCESS EXCLUSIVE on users; the trace saw SHARE UPDATE "
            "EXCLUSIVE (schema changes and VACUUM, not reads or writes)");
}

TEST(LockDisagreements, APredictedLockAbsentFromTheTraceIsPredictedNotTaken) {
  auto d = compare_with_lock_model(test::script("002.sql", kUp), observed({}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].detail, "the lock model predicts ACCESS EXCLUSIVE on users; the trace saw no "
                         "lock on it");
}

TEST(LockDisagreements, AStatementTheTraceDidNotObserveIsNotCompared) {
  LockTrace trace = observed({});
  trace.statements.clear();
  EXPECT_EQ(compare_with_lock_model(test::script("002.sql", kUp), trace).size(), 0u);
}

TEST(LockDisagreements, SchemasOutsidePublicMatchAndPublicIsDropped) {
  std::string up = "SET lock_timeout = '5s';\nALTER TABLE audit.events ADD COLUMN x int;\n"
                   "ALTER TABLE public.users ADD COLUMN y int;\n";
  LockTrace trace = observed({{"audit.events", LockMode::kAccessExclusive}});
  trace.statements.push_back({Position{3, 1}, 1.0, {{"users", LockMode::kAccessExclusive}}});
  EXPECT_EQ(compare_with_lock_model(test::script("002.sql", up), trace).size(), 0u);
}

TEST(LockDisagreements, ATableThatDidNotExistIsNotCompared) {
  std::string up = "CREATE TABLE notes (id int);\nALTER TABLE notes ADD COLUMN x int;\n";
  EXPECT_EQ(compare_with_lock_model(test::script("002.sql", up), observed({})).size(), 0u);
}

}  // namespace
}  // namespace sg
