// Rule fixtures that are Sequelize migrations: tests/fixtures/rules/<rule-id>/*.js, named as
// sequelize-cli names them. Each runs as `check` runs a new migration of a pull request: the
// Node runner sends its up, down and up again to an embedded server, and the SQL it sent is
// linted with only the folder's rule, findings at the .js lines of the calls. `// expect:
// <rule-id>` annotations as in the .sql fixtures.
#include <gtest/gtest.h>

#include "core/rule_info.h"
#include "layouts/layout.h"
#include "lint/engine.h"
#include "pipeline/capture.h"
#include "rules/rule_fixtures.h"
#include "test_support.h"

namespace sg {
namespace {

class JsRuleFixture : public testing::TestWithParam<test::Fixture> {};

TEST_P(JsRuleFixture, FindingsMatchExpectAnnotations) {
  const test::Fixture& fixture = GetParam();
  const RuleInfo* info = find_rule(fixture.rule_id);
  ASSERT_NE(info, nullptr) << "fixture folder names no rule: " << fixture.rule_id;
  std::string text = test::read_file(fixture.path);
  test::Expectations e = test::read_expectations(text);

  std::string path = "migrations/" + fixture.path.filename().string();
  Snapshot files({{path, "blob"}}, [&](const std::string&) { return text; });
  MigrationSet set;
  set.layout = "sequelize";
  set.migrations = find_layout("sequelize")->scan(files, "migrations").migrations;
  ASSERT_EQ(set.migrations.size(), 1u);
  set.migrations[0].change = ChangeKind::kAdded;
  capture_javascript(set, RoundTripOptions{}, false, fixture.path.parent_path().string());
  ASSERT_EQ(set.not_run_because, "");
  const Script& script = e.options.direction == Direction::kDown ? *set.migrations[0].down
                                                                 : *set.migrations[0].up;
  RuleSet rules = RuleSet::only(*info);
  FileLintResult result = lint_file(SourceFile(script), rules, e.options);

  test::expect_findings(fixture.path.string(), e, result.findings);
}

INSTANTIATE_TEST_SUITE_P(Rules, JsRuleFixture, testing::ValuesIn(test::rule_fixtures(".js")),
                         test::fixture_name);

}  // namespace
}  // namespace sg
