#include "util/unprivileged_user.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

namespace sg {

RunAs unprivileged_user() {
  RunAs r;
  if (geteuid() != 0) return r;
  const passwd* pw = getpwnam(kServerUser);
  if (pw == nullptr) pw = getpwnam("nobody");
  if (pw == nullptr) return r;
  r = {true, pw->pw_uid, pw->pw_gid};
  return r;
}

bool become(const RunAs& user) {
  return !user.drop || (setgroups(0, nullptr) == 0 && setgid(user.gid) == 0 && setuid(user.uid) == 0);
}

}  // namespace sg
