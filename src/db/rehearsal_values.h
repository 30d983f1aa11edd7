// One SQL value expression per column type, computed inside the server from a row number.
#pragma once

#include <optional>
#include <string>

#include "db/rehearsal_plan.h"

namespace sg {

// An expression of `column`'s type built from `x`, a bigint SQL expression that is distinct per
// row where the column must be unique and repeats (1..7) where it need not be. nullopt: a type
// the generator cannot make (a NOT NULL column of it makes its table unfillable).
std::optional<std::string> value_sql(const PlannedColumn& column, const std::string& x);

}  // namespace sg
