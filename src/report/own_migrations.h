// schemagate's own migrations (migrations/NNN_*.sql), embedded at build time.
#pragma once

#include <string_view>
#include <vector>

namespace sg {

struct OwnMigration {
  std::string_view version;  // "001", as recorded in schemagate.schema_metadata
  std::string_view path;     // "migrations/001_audit_trail.sql"
  std::string_view sql;
};

const std::vector<OwnMigration>& own_migrations();

}  // namespace sg
