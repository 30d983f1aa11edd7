// Where repository and database rules report: each finding gets the rule's id, the severity the
// configured rule set gives it (.schemagate.toml) and the rule's risk. The runners skip rules
// set to `off`, so a sink only exists for a rule that runs.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"
#include "core/position.h"
#include "core/rule_set.h"

namespace sg {

class FindingSink {
 public:
  FindingSink(const ConfiguredRule& rule, std::vector<Finding>& out) : rule_(rule), out_(out) {}
  // The finding added, for a rule that attaches what it measured (Finding::lock_trace).
  Finding& report(const std::string& file, Position at, std::string message, std::string help);
  Finding& report(const std::string& file, int line, std::string message, std::string help) {
    return report(file, Position{line, 1}, std::move(message), std::move(help));
  }
  // The rule's option `key`: the configured value, else the rule's default.
  nlohmann::json option(const std::string& key) const;

 private:
  const ConfiguredRule& rule_;
  std::vector<Finding>& out_;
};

}  // namespace sg
