// Data-driven rule tests: tests/fixtures/rules/<rule-id>/*.sql.
//
// A line ending in `-- expect: <rule-id>[, <rule-id>]` must get exactly those findings; any
// other finding fails. Only the folder's rule runs. Header lines `-- fixture: KEY[=VALUE]` set
// the lint context: pg-version=N, assume-in-transaction, transaction-mode=whole-file|wrapped,
// direction=down, option NAME=JSON.
#include <gtest/gtest.h>

#include "lint/engine.h"
#include "core/rule_info.h"
#include "rules/rule_fixtures.h"
#include "test_support.h"

namespace sg {
namespace {

class RuleFixture : public testing::TestWithParam<test::Fixture> {};

TEST_P(RuleFixture, FindingsMatchExpectAnnotations) {
  const test::Fixture& fixture = GetParam();
  const RuleInfo* info = find_rule(fixture.rule_id);
  ASSERT_NE(info, nullptr) << "fixture folder names no rule: " << fixture.rule_id;
  std::string text = test::read_file(fixture.path);
  test::Expectations e = test::read_expectations(text);
  RuleSet rules = RuleSet::only(*info);
  rules.find(info->id)->options = e.rule_options;
  SourceFile source(fixture.path.filename().string(), text);
  FileLintResult result = lint_file(source, rules, e.options);

  test::expect_findings(fixture.path.string(), e, result.findings);
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixture, testing::ValuesIn(test::rule_fixtures(".sql")),
                         test::fixture_name);

}  // namespace
}  // namespace sg
