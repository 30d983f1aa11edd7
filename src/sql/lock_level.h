// Which table-level locks a statement takes, per PostgreSQL's "Explicit Locking" chapter
// (13.3.1, table-level lock modes) and AlterTableGetLockLevel() for ALTER TABLE subcommands.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/lock_mode.h"
#include "sql/parser.h"

namespace sg {

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
