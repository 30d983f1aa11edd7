// Lints SQL text with one rule, as the fixture test does, for tests that check the exact
// message, help and column a user sees.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "lint/engine.h"
#include "core/rule_info.h"

namespace sg::test {

inline std::vector<Finding> lint_with_rule(std::string_view rule_id, const std::string& sql,
                                           const LintOptions& options = {}) {
  const RuleInfo* info = find_rule(rule_id);
  EXPECT_NE(info, nullptr) << rule_id;
  if (info == nullptr) return {};
  SourceFile source("m.sql", sql);
  return lint_file(source, RuleSet::only(*info), options).findings;
}

}  // namespace sg::test
