// Who code a pull request controls runs as (the embedded PostgreSQL, the Node runner): as root,
// the dedicated account `schemagate` (created by the image and scripts/setup.sh), else
// `nobody`; never `postgres`, which owns the host's real clusters and whatever else a
// distribution gives it. Not root: the caller's own account.
#pragma once

#include <sys/types.h>

namespace sg {

constexpr const char* kServerUser = "schemagate";

struct RunAs {
  bool drop = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

RunAs unprivileged_user();

// In a forked child, before exec: drops to `user`. false when that fails (then _exit).
bool become(const RunAs& user);

}  // namespace sg
