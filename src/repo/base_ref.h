// Which commit a pull request is compared with: --base, else the pull request's base branch
// from GitHub's environment, else origin/main or main.
#pragma once

#include <string>

#include "repo/git_repository.h"

namespace sg {

struct BaseRefSources {
  std::string explicit_ref;       // --base
  std::string github_base_ref;    // GITHUB_BASE_REF
  std::string github_event_path;  // GITHUB_EVENT_PATH: the event JSON (pull_request.base)
};

struct ResolvedRef {
  std::string name;    // the ref that resolved, e.g. "origin/main"
  std::string commit;  // hex
};

// The sources from the process environment, with `explicit_ref` from the command line.
BaseRefSources base_ref_sources_from_env(const std::string& explicit_ref);

// Tries the candidates in order; the error names the ref asked for and every name tried, and
// in a shallow clone says to fetch the history.
Result<ResolvedRef> resolve_base_ref(const GitRepository& repo, const BaseRefSources& sources);

}  // namespace sg
