// Which table-level locks a statement takes, per PostgreSQL's "Explicit Locking" chapter
// (13.3.1, table-level lock modes) and AlterTableGetLockLevel() for ALTER TABLE subcommands.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sql/parser.h"

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

// A lock that blocks ordinary writes (SHARE and stronger conflict with ROW EXCLUSIVE), so the
// application's queries queue behind it, and behind the statement while it waits for it.
bool is_blocking(LockMode mode);

struct TableLock {
  std::string name;     // as written: "schema.table" or "table"
  std::string relname;  // without the schema, as LintContext::created_earlier() takes it
  LockMode mode = LockMode::kAccessShare;
  long location = -1;  // of the table's name in the statement, -1 when it has none (DROP)
};

// The table-level locks `stmt` takes on the tables it names (one entry per table, the
// strongest mode). Read locks of plain SELECTs and sub-queries are left out: they block
// nothing but ACCESS EXCLUSIVE. Statements on indexes only (DROP INDEX, REINDEX INDEX) name
// no table and take none here.
std::vector<TableLock> table_locks(const Statement& stmt);

}  // namespace sg
