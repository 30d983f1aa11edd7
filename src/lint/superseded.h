// One finding per problem: where two rules describe the same problem of one statement, the more
// specific one speaks (issue 17). TRUNCATE x CASCADE is ban-truncate-cascade's, not also
// ban-truncate's; a serial PRIMARY KEY column is adding-serial-primary-key-field's, not also
// adding-field-with-default's; DROP TABLE x CASCADE is ban-drop-cascade's.
#pragma once

#include <cstddef>
#include <vector>

#include "core/finding.h"

namespace sg {

// Drops, among findings[from..], those of a rule another finding in that range supersedes.
// `findings[from..]` are the findings of one statement. Runs before suppressions, so a
// suppressed specific finding still silences the general one.
void drop_superseded(std::vector<Finding>& findings, size_t from);

}  // namespace sg
