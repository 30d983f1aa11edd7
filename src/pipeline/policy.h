// The gate's policy for a check: .schemagate.toml (or --config) and --fail-on. A pull request
// must not set the rules it is judged by, so with a merge base the policy is the file that
// applies at the merge base; the change's own edit of it is a policy-change finding and takes
// effect once merged. A --config outside the repository is the workflow's own and applies as
// it is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assess/fail_on.h"
#include "config/config.h"
#include "core/result.h"
#include "repo/git_repository.h"

namespace sg {

struct Policy {
  Config config;
  // Repository paths whose change is a change of policy: the file that applies at head and
  // the one that applies at the merge base (one path when they are the same file).
  std::vector<std::string> files;
  FailOn fail_on;
};

struct PolicyInput {
  std::string repo_dir;                // --repo
  std::string config_path;             // --config; "" to look for .schemagate.toml
  std::optional<std::string> fail_on;  // --fail-on; unset: the policy's
};

// The head's config is read first, from the work tree, so a broken file is an error even where
// it does not apply. With `base_commit` the config that applies is the merge base's: the same
// --config path, or the .schemagate.toml nearest to --repo in the merge base's tree (the
// defaults when it has none).
Result<Policy> load_policy(const PolicyInput& input, const GitRepository& repo,
                           const std::string& base_commit);

}  // namespace sg
