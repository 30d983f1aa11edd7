// The rule doc pages (rules/<id>.md), embedded at build time by cmake/embed_docs.cmake.
#pragma once

#include <string_view>
#include <vector>

namespace sg {

struct RuleDoc {
  std::string_view id;
  std::string_view markdown;
};

const std::vector<RuleDoc>& rule_docs();

}  // namespace sg
