#include "gate/approval_commits.h"

#include "repo/content_origin.h"

namespace sg {

std::map<std::string, std::string> approval_commits(const TargetStatus& status,
                                                    const std::string& checkout,
                                                    const std::string& override_commit,
                                                    const std::string& fallback,
                                                    std::vector<std::string>& notes) {
  std::map<std::string, std::string> commits;
  for (const auto& s : status.entries) {
    if (s.state != MigrationState::kPending || s.migration == nullptr || !s.migration->up) {
      continue;
    }
    if (!override_commit.empty()) {
      commits[s.file] = override_commit;
      continue;
    }
    auto origin = content_origin(checkout, s.migration->up->path);
    if (origin) {
      commits[s.file] = *origin.value;
      continue;
    }
    commits[s.file] = fallback;
    notes.push_back(s.file + ": cannot find the commit that brought it (" + origin.error + "); " +
                    (fallback.empty() ? "its pull request's reviews are not looked up (no "
                                        "$GITHUB_SHA either)"
                                      : "looking up the pull request of $GITHUB_SHA " +
                                            fallback.substr(0, 12) + " instead"));
  }
  return commits;
}

}  // namespace sg
