// The catalogue rules through the built binary: default severities decide the exit code.
#include <gtest/gtest.h>

#include <regex>

#include "test_support.h"

namespace sg {
namespace {

using test::run_schemagate;

TEST(CatalogueCli, TruncateCascadeIsAnErrorByDefault) {
  // The lock_timeout keeps require-lock-timeout, which TRUNCATE would also trip, out of it;
  // ban-truncate stays quiet where ban-truncate-cascade speaks (one finding per problem).
  auto r = run_schemagate({"lint", "-"},
                          "SET lock_timeout = '5s';\n-- reset\nTRUNCATE customers CASCADE;\n");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out,
            "<stdin>:3:1: error: TRUNCATE customers CASCADE also empties every table that "
            "references it by foreign key, and every table referencing those "
            "[ban-truncate-cascade]\n"
            "  help: name each table to empty in the TRUNCATE, without CASCADE, so the review "
            "sees every table that loses its rows\n"
            "<stdin>: risk CRITICAL (truncates with CASCADE customers; ban-truncate-cascade at "
            "line 3) - approvals: Executive Team\n"
            "1 error, 0 warnings in 1 file\n");
}

TEST(CatalogueCli, OffByDefaultStyleRulesStayQuiet) {
  // serial and smallint columns would trip prefer-identity and the prefer-bigint rules.
  auto r = run_schemagate({"lint", "-"}, "CREATE TABLE t (id serial PRIMARY KEY, n smallint);\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "<stdin>: risk LOW (creates table t) - approvals: Tech Lead\n"
            "0 errors, 0 warnings in 1 file\n");
}

TEST(CatalogueCli, WarningsPassUnlessFailOnWarning) {
  const std::string sql =
      "SET lock_timeout = '5s';\nREINDEX TABLE orders;\nALTER TABLE t ALTER COLUMN c DROP NOT "
      "NULL;\n";
  auto r = run_schemagate({"lint", "-"}, sql);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("0 errors, 2 warnings in 1 file\n"), std::string::npos) << r.out;
  EXPECT_EQ(run_schemagate({"lint", "--fail-on", "warning", "-"}, sql).exit_code, 1);
}

// One finding per problem: the more specific rule of one statement speaks alone.
TEST(CatalogueCli, TheMostSpecificRuleSpeaksAlone) {
  struct Case {
    const char* sql;
    const char* rule;
  };
  for (const Case& c : {Case{"DROP TABLE orders CASCADE;\n", "[ban-drop-cascade]"},
                        Case{"ALTER TABLE users ADD COLUMN sid bigserial PRIMARY KEY;\n",
                             "[adding-serial-primary-key-field]"},
                        Case{"TRUNCATE orders CASCADE;\n", "[ban-truncate-cascade]"}}) {
    auto r = run_schemagate({"lint", "-"}, std::string("SET lock_timeout = '5s';\n") + c.sql);
    std::vector<std::string> rules;
    static const std::regex kRule(R"(\[[a-z-]+\]\n)");
    for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), kRule);
         it != std::sregex_iterator(); ++it) {
      rules.push_back(it->str().substr(0, it->str().size() - 1));
    }
    EXPECT_EQ(rules, std::vector<std::string>{c.rule}) << c.sql << r.out;
  }
}

}  // namespace
}  // namespace sg
