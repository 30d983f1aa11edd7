// The checksums migration tools record for an applied file, computed from the repository's copy
// so `status` and `gate` can tell whether a file was edited after it was applied.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sg {

// Flyway's checksum of a SQL migration: a CRC-32 over the UTF-8 bytes of each line without its
// terminator (\n, \r\n or \r), a UTF-8 BOM dropped from the first line, as a signed int32 (the
// value flyway_schema_history.checksum holds).
int32_t flyway_checksum(std::string_view text);

// Prisma's checksum of migration.sql: SHA-256 of the file's bytes, lower-case hex.
std::string prisma_checksum(std::string_view text);

}  // namespace sg
