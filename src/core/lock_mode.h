// PostgreSQL's table-level lock modes (13.3.1) and which of them block the application.
#pragma once

#include <optional>
#include <string_view>

namespace sg {

// In PostgreSQL's order: each mode conflicts with at least the modes the previous one does.
enum class LockMode {
  kAccessShare,           // SELECT
  kRowShare,              // SELECT FOR UPDATE / SHARE
  kRowExclusive,          // INSERT, UPDATE, DELETE, MERGE
  kShareUpdateExclusive,  // VACUUM, ANALYZE, CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT
  kShare,                 // CREATE INDEX
  kShareRowExclusive,     // CREATE TRIGGER, ADD FOREIGN KEY (both tables)
  kExclusive,             // REFRESH MATERIALIZED VIEW CONCURRENTLY
  kAccessExclusive,       // most ALTER TABLE forms, DROP, TRUNCATE, VACUUM FULL, CLUSTER
};

// "ACCESS EXCLUSIVE", as PostgreSQL and pg_locks name it.
std::string_view lock_mode_name(LockMode mode);
// The mode lock_mode_name() names, or nullopt.
std::optional<LockMode> parse_lock_mode(std::string_view name);

// A lock that blocks ordinary writes (SHARE and stronger conflict with ROW EXCLUSIVE), so the
// application's queries queue behind it, and behind the statement while it waits for it.
bool is_blocking(LockMode mode);

// What the mode keeps other sessions from doing, e.g. "reads and writes" for ACCESS EXCLUSIVE.
std::string_view lock_blocks(LockMode mode);

}  // namespace sg
