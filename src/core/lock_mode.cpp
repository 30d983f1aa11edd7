#include "core/lock_mode.h"

namespace sg {

std::string_view lock_mode_name(LockMode mode) {
  switch (mode) {
    case LockMode::kAccessShare: return "ACCESS SHARE";
    case LockMode::kRowShare: return "ROW SHARE";
    case LockMode::kRowExclusive: return "ROW EXCLUSIVE";
    case LockMode::kShareUpdateExclusive: return "SHARE UPDATE EXCLUSIVE";
    case LockMode::kShare: return "SHARE";
    case LockMode::kShareRowExclusive: return "SHARE ROW EXCLUSIVE";
    case LockMode::kExclusive: return "EXCLUSIVE";
    case LockMode::kAccessExclusive: return "ACCESS EXCLUSIVE";
  }
  return "";
}

bool is_blocking(LockMode mode) { return mode >= LockMode::kShare; }

}  // namespace sg
