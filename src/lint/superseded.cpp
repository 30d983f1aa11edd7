#include "lint/superseded.h"

#include <algorithm>
#include <string_view>

namespace sg {
namespace {

struct Supersedes {
  std::string_view specific;
  std::string_view general;
};

// The specific rule's message names everything the general one would say about the statement.
constexpr Supersedes kSupersedes[] = {
    {"ban-truncate-cascade", "ban-truncate"},
    {"adding-serial-primary-key-field", "adding-field-with-default"},
    {"ban-drop-cascade", "ban-drop-table"},
};

}  // namespace

void drop_superseded(std::vector<Finding>& findings, size_t from) {
  if (findings.size() - from < 2) return;
  auto reported = [&](std::string_view id) {
    return std::any_of(findings.begin() + static_cast<long>(from), findings.end(),
                       [&](const Finding& f) { return f.rule_id == id; });
  };
  for (const auto& s : kSupersedes) {
    if (!reported(s.specific)) continue;
    findings.erase(std::remove_if(findings.begin() + static_cast<long>(from), findings.end(),
                                  [&](const Finding& f) { return f.rule_id == s.general; }),
                   findings.end());
  }
}

}  // namespace sg
