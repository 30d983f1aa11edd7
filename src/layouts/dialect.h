// Which migration-shaped folders hold another database's SQL (issue 16): repositories keep
// MySQL, SQLite or ClickHouse twins next to their PostgreSQL migrations (Flyway's
// db/migration/mysql, a dbmate folder per engine). Auto-detection skips them and says why.
#pragma once

#include <string>

#include "repo/snapshot.h"

namespace sg {

// Why `dir` is not a PostgreSQL migration folder ("" when nothing says so): a path segment
// naming another engine ("folder name mysql"), or most of its .sql files not parsing as
// PostgreSQL ("3 of 4 .sql files do not parse as PostgreSQL, e.g. V1__init.sql:1:43: syntax
// error at or near \"AUTO_INCREMENT\"").
std::string other_dialect(const Snapshot& files, const std::string& dir);

}  // namespace sg
