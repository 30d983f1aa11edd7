// SHA-256 as lower-case hex (OpenSSL's libcrypto, already a dependency of libcurl).
#pragma once

#include <string>
#include <string_view>

namespace sg {

std::string sha256_hex(std::string_view data);

}  // namespace sg
