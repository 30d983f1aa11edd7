// The one way an expected failure comes back: a value, or the message that explains why there is
// none, starting with its context ("migrations/003_x.sql: cannot read: ...").
#pragma once

#include <optional>
#include <string>

namespace sg {

template <typename T>
struct Result {
  std::optional<T> value;
  std::string error;
  explicit operator bool() const { return value.has_value(); }
  static Result fail(std::string message) { return {std::nullopt, std::move(message)}; }
};

// For an operation with nothing to return: `ok()`, or the error.
struct Done {};
using Status = Result<Done>;
inline Status ok() { return {Done{}, {}}; }

}  // namespace sg
