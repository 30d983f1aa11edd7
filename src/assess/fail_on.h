// Applies --fail-on (core/fail_on.h) to a check's findings and file risks: exit code 1 or not.
#pragma once

#include <vector>

#include "core/fail_on.h"
#include "core/finding.h"

namespace sg {

bool fails(const FailOn& fail_on, const std::vector<Finding>& findings);
// risk:LEVEL also fails when a file's risk reaches LEVEL: what its statements do counts even
// when no finding is raised (a foreign key on an existing table, a renamed table).
bool fails(const FailOn& fail_on, const std::vector<Finding>& findings,
           const std::vector<Risk>& file_risks);

}  // namespace sg
