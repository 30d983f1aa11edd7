// Where the round trip's superuser scripts come from. A pull request's SQL runs as an ordinary
// role; what runs as superuser ([roundtrip] setup, superuser_extensions,
// migrations_as_superuser) comes from the merge base's policy (pipeline/policy.h) and the setup
// scripts are read as the merge base has them, so a pull request cannot grant itself superuser
// SQL: a change to a setup script takes effect after merge.
#pragma once

#include <string>
#include <vector>

#include "db/roundtrip_setup.h"
#include "config/config.h"
#include "repo/git_repository.h"

namespace sg {

struct TrustedSetupInput {
  const GitRepository* repo = nullptr;
  const Config* config = nullptr;  // the policy that applies (the merge base's)
  // The trusted commit: the merge base; "" when there is none (then head's settings apply, as
  // for a run on a branch without a base).
  std::string base_commit;
  std::string head_commit;
};

// The setup to run, with a note for each setup script the change alters. Errors name the
// script ("[roundtrip] setup db/setup.sql: not in the repository at <commit>").
Result<RoundTripSetup> trusted_setup(const TrustedSetupInput& input,
                                        std::vector<std::string>& notes);

// The config's setup as the files under `root` have it: for `gate`, whose checkout is the
// deploy's own (trusted) and need not be a git repository.
Result<RoundTripSetup> setup_from_work_tree(const Config& config, const std::string& root);

}  // namespace sg
