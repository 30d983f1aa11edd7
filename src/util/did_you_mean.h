// Suggestions for mistyped names (rule ids, config keys, layouts).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sg {

// "; did you mean 'x'?" for the closest candidate within a small edit distance, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace sg
