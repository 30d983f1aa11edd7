// pg_locks' mode names for the table-level modes (core/lock_mode.h has what each blocks).
#pragma once

#include <optional>
#include <string_view>

#include "core/lock_mode.h"

namespace sg {

// "AccessExclusiveLock" (pg_locks.mode) -> LockMode; nullopt for a mode that is not a
// table-level one.
std::optional<LockMode> lock_mode_from_pg(std::string_view pg_mode);

}  // namespace sg
