// ASCII lower case, for comparing SQL identifiers and keywords as PostgreSQL folds them.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>

namespace sg {

inline std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace sg
