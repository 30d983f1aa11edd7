// The linters the tests run on GitHub workflow and action files, from tests/tools/node_modules
// (scripts/test.sh installs them with `npm ci --prefix tests/tools`): missing tools are a test
// failure with the command that installs them, never a skip.
#pragma once

#include <string>
#include <vector>

namespace sg::test {

// actionlint's findings on `files`, one line each; "" when they are clean.
std::string lint_workflows(const std::vector<std::string>& files);
// action-validator's (the action metadata schema) complaints about `action_yml`; "" when valid.
std::string validate_action(const std::string& action_yml);

}  // namespace sg::test
