// Which commit brought a migration: GitHub answers "which pull request merged this?" for a
// commit, so the release gate needs, per migration file, the commit that gave it the content it
// is about to deploy (not the release's HEAD, which may belong to another pull request).
#pragma once

#include <string>

#include "repo/git_repository.h"

namespace sg {

// The newest commit reachable from HEAD that gave `path` (relative to `checkout`) the content it
// has on disk, following git's own history simplification: through a merge, the parent that
// already had this content is followed, so a merge that only brought the change from its other
// parent is not the answer, the branch commit that made the change is.
// Fails with a message that names no file (the caller does) when the file is not committed,
// differs from HEAD, or the history stops short of the answer (a shallow clone).
Result<std::string> content_origin(const std::string& checkout, const std::string& path);

}  // namespace sg
