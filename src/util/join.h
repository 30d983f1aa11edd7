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

// "a, b and c" for a list read as prose; "a" for one part, "" for none.
inline std::string join_prose(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  }
  return out;
}

}  // namespace sg
