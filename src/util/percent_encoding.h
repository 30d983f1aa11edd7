// URL percent-encoding (RFC 3986 unreserved characters stay as they are), for libpq URLs.
#pragma once

#include <string>
#include <string_view>

namespace sg {

std::string percent_encode(std::string_view s);
// Leaves a '%' that starts no valid escape as it is.
std::string percent_decode(std::string_view s);

}  // namespace sg
