#include "lint/rule.h"

namespace sg {

const nlohmann::json& Rule::option(const std::string& key) const {
  auto it = options_.find(key);
  if (it != options_.end()) return *it;
  if (defaults_cache_.is_null()) defaults_cache_ = default_options();
  return defaults_cache_.at(key);
}

}  // namespace sg
