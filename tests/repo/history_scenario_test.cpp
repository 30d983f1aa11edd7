// Data-driven history rule tests: tests/fixtures/rules/<rule-id>/{positive,clean}/.
//
// A scenario folder holds `base/` (committed on main), `head/` (the whole tree of a feature
// branch on top of it), `expect` (the exact findings, one `path:line:col: rule-id` a line;
// absent or empty for clean) and optionally `options` (`layout=NAME`, `dir=PATH`, `all`).
// Only the folder's rule runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

#include "core/rule_info.h"
#include "layouts/discover.h"
#include "repo/git_fixture.h"
#include "rules/history.h"

namespace sg {
namespace {

namespace fs = std::filesystem;

struct Scenario {
  std::string rule_id;
  fs::path dir;
};

std::vector<Scenario> all_scenarios() {
  std::vector<Scenario> out;
  for (const auto& rule : all_rules()) {
    if (rule.kind != RuleKind::kRepository) continue;
    for (const char* kind : {"positive", "clean"}) {
      fs::path dir = fs::path(SG_FIXTURES_DIR) / "rules" / std::string(rule.id) / kind;
      if (fs::is_directory(dir)) out.push_back({std::string(rule.id), dir});
    }
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

class HistoryScenario : public testing::TestWithParam<Scenario> {};

TEST_P(HistoryScenario, FindsExactlyTheExpectedFindings) {
  const Scenario& s = GetParam();
  test::GitFixture repo;
  if (fs::is_directory(s.dir / "base")) repo.copy_tree(s.dir / "base");
  repo.commit("base");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.clear();
  repo.copy_tree(s.dir / "head");
  repo.commit("head");

  DiscoverOptions options;
  for (const auto& line : lines_of(test::read_file(s.dir / "options"))) {
    if (line.rfind("layout=", 0) == 0) options.layout = line.substr(7);
    if (line.rfind("dir=", 0) == 0) options.dirs.push_back(line.substr(4));
    if (line == "all") options.all = true;
  }
  auto git = GitRepository::open(repo.dir());
  ASSERT_TRUE(git) << git.error;
  options.head_commit = *git.value->resolve_commit("HEAD").value;
  auto base = git.value->merge_base(*git.value->resolve_commit("main").value, options.head_commit);
  ASSERT_TRUE(base) << base.error;
  options.base_commit = *base.value;
  auto set = discover(*git.value, options);
  ASSERT_TRUE(set) << set.error;

  std::vector<std::string> actual;
  for (const auto& f : run_history_rules(*set.value, RuleSet::only(*find_rule(s.rule_id)))) {
    actual.push_back(f.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + ": " +
                     f.rule_id);
  }
  std::vector<std::string> expected = lines_of(test::read_file(s.dir / "expect"));
  std::sort(expected.begin(), expected.end());
  std::sort(actual.begin(), actual.end());
  EXPECT_EQ(actual, expected);
  if (s.dir.filename() == "positive") {
    EXPECT_FALSE(expected.empty()) << s.dir << ": a positive scenario needs an expect file";
  }
}

std::string scenario_name(const testing::TestParamInfo<Scenario>& info) {
  std::string name = info.param.rule_id + "__" + info.param.dir.filename().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, HistoryScenario, testing::ValuesIn(all_scenarios()),
                         scenario_name);

}  // namespace
}  // namespace sg
