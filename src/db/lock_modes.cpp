#include "db/lock_modes.h"

#include <iterator>

namespace sg {

std::optional<LockMode> lock_mode_from_pg(std::string_view pg_mode) {
  static constexpr std::string_view kNames[] = {
      "AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock",
      "ShareLock",       "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"};
  for (size_t i = 0; i < std::size(kNames); ++i) {
    if (kNames[i] == pg_mode) return static_cast<LockMode>(i);
  }
  return std::nullopt;
}

}  // namespace sg
