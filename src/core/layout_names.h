// The names of the registered layouts (layouts/layouts.def), for what validates a layout name
// below the layouts themselves (.schemagate.toml's [[tracks]] layout). Defined in
// layouts/layout.cpp, next to the registration list.
#pragma once

#include <string>
#include <vector>

namespace sg {

// In registration order.
std::vector<std::string> registered_layout_names();

}  // namespace sg
