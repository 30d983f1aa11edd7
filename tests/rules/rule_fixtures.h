// Statement rules' fixtures, tests/fixtures/rules/<rule-id>/*.sql (and *.js: Sequelize
// migrations), and their annotations: `-- expect: <rule-id>[, <rule-id>]` at the end of a line
// (`// expect:` in JavaScript) and `-- fixture: KEY[=VALUE]` header lines.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/finding.h"
#include "lint/context.h"

namespace sg::test {

struct Fixture {
  std::string rule_id;
  std::filesystem::path path;
};

// The statement rules' fixture files ending in `extension`, sorted by path.
std::vector<Fixture> rule_fixtures(const std::string& extension);
// "<rule_id>__<file stem>" with every other character as '_': a gtest parameter name.
std::string fixture_name(const testing::TestParamInfo<Fixture>& info);

struct Expectations {
  std::multimap<int, std::string> expected;  // line -> rule id
  LintOptions options;
  nlohmann::json rule_options = nlohmann::json::object();
};

// Fails the test on an unknown directive.
Expectations read_expectations(const std::string& text);

// Fails the test for each expected finding not reported and each reported one not expected;
// a finding an ignore comment suppressed does not count.
void expect_findings(const std::string& fixture, const Expectations& e,
                     const std::vector<Finding>& findings);

}  // namespace sg::test
