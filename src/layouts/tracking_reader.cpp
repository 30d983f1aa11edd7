#include "layouts/tracking_reader.h"

#include <cctype>

namespace sg {

std::string canonical_version(const std::string& version) {
  std::string out;
  for (size_t i = 0; i < version.size();) {
    if (!std::isdigit(static_cast<unsigned char>(version[i]))) {
      out += version[i++];
      continue;
    }
    size_t end = i;
    while (end < version.size() && std::isdigit(static_cast<unsigned char>(version[end]))) ++end;
    while (i + 1 < end && version[i] == '0') ++i;
    out += version.substr(i, end - i);
    i = end;
  }
  return out;
}

std::string version_key(const Migration& m) { return canonical_version(m.version); }

}  // namespace sg
