// What an up script creates that nobody uses yet: its tables, and the indexes it builds on
// them. The down of a migration (and of a later migration of the same change) works on these
// as new objects (issue 17): dropping a new table's index needs no CONCURRENTLY, changing a
// new table's column rewrites nothing anyone reads.
#pragma once

#include <set>
#include <string>

#include "sql/parser.h"

namespace sg {

struct CreatedObjects {
  std::set<std::string> tables;   // relnames, as LintContext::created_earlier() takes them
  std::set<std::string> indexes;  // index names (without schema) on those tables

  // Records what `stmt` creates (a top-level CREATE TABLE [AS], CREATE INDEX on a new table);
  // DO blocks and function bodies may not run, so what they create does not count.
  void record(const Statement& stmt);
};

}  // namespace sg
