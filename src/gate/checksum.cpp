#include "gate/checksum.h"

#include <zlib.h>

#include "util/sha256.h"

namespace sg {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

uLong crc_update(uLong crc, std::string_view bytes) {
  return crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size()));
}

}  // namespace

int32_t flyway_checksum(std::string_view text) {
  // Java's BufferedReader.readLine() ends a line at \n, \r or \r\n, and Flyway feeds the CRC one
  // line at a time: line ends never count, so LF and CRLF checkouts agree.
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  uLong crc = crc32(0L, Z_NULL, 0);
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    crc = crc_update(crc, text.substr(start, i - start));
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  crc = crc_update(crc, text.substr(start));
  return static_cast<int32_t>(static_cast<uint32_t>(crc));
}

std::string prisma_checksum(std::string_view text) { return sha256_hex(text); }

}  // namespace sg
