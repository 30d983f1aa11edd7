// Which commit's merged pull request holds the reviews that approve each pending migration. A
// release deploys migrations from many pull requests; the release's own commit ($GITHUB_SHA)
// usually belongs to none of them, so each file's own commit is asked for (repo/content_origin).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "gate/target_status.h"

namespace sg {

// Pending up file -> commit: `override_commit` (--commit) for all when given; else the commit
// that gave the file its content in the checkout `checkout`; else `fallback` ($GITHUB_SHA, may
// be "": GitHub is then not asked for that file), with a note naming the file and why.
std::map<std::string, std::string> approval_commits(const TargetStatus& status,
                                                    const std::string& checkout,
                                                    const std::string& override_commit,
                                                    const std::string& fallback,
                                                    std::vector<std::string>& notes);

}  // namespace sg
