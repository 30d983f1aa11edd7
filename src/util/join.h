// Joining words into one line, the one string helper several report writers need.
#pragma once

#include <string>
#include <vector>

namespace sg {

// "a, b, c" for join({"a", "b", "c"}, ", "); "" for no parts.
inline std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

}  // namespace sg
