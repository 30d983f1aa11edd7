// Where the configured rule set meets findings made outside the lint engine: the round trip
// makes its database-rule findings with each rule's default severity; this stamps the severity
// `.schemagate.toml` gives the rule and drops the findings of rules set to `off`.
#pragma once

#include <vector>

#include "core/finding.h"
#include "lint/rule_set.h"

namespace sg {

std::vector<Finding> with_configured_severity(std::vector<Finding> findings, const RuleSet& rules);

}  // namespace sg
