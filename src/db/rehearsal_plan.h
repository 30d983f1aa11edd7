// What the data rehearsal must fill: the user's tables as the catalog describes them (columns,
// uniques, checks, foreign keys), in an order where every parent comes before its children.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "db/session.h"

namespace sg {

// A column's type after domains are resolved to their base (the cast back to the column's own
// type keeps the domain's checks in force).
struct ValueType {
  std::string name;     // pg_type.typname: "int4", "varchar", "mood"
  char kind = 'b';      // pg_type.typtype: b base, e enum, r range, c composite, ...
  char category = 'U';  // pg_type.typcategory: A array, S string, N numeric, ...
  int typmod = -1;      // varchar(n): n + 4
  int enum_labels = 0;
  std::string sql;  // format_type(oid, NULL): "integer", "public.mood"
};

struct PlannedColumn {
  int attnum = 0;
  std::string name;
  std::string type_sql;       // format_type(atttypid, atttypmod): the cast target
  bool not_null = false;      // the column's or its domain's NOT NULL
  bool server_fills = false;  // a default, identity or serial: left to the server
  bool generated = false;     // GENERATED ALWAYS AS (...) STORED: cannot be written
  ValueType type;
  ValueType element;      // for arrays (type.category == 'A')
  bool unique = false;    // part of a unique index or primary key
  bool in_check = false;  // named by a CHECK constraint
};

struct PlannedForeignKey {
  std::string name;
  std::string parent_oid;
  std::vector<int> columns;         // attnums in the child
  std::vector<int> parent_columns;  // attnums in the parent
  bool nullable = false;  // a column may be NULL, so MATCH SIMPLE lets the row skip the check
  bool broken = false;    // nullable edge dropped to break a cycle: its columns stay NULL
};

struct PlannedTable {
  std::string oid;
  std::string display;  // "orders", "billing.invoices" (public is left out, as in diffs)
  std::string sql;      // "public"."orders"
  std::vector<PlannedColumn> columns;
  std::vector<PlannedForeignKey> foreign_keys;

  const PlannedColumn* column(int attnum) const;
};

struct UnfilledTable {
  std::string table;
  std::string reason;
};

struct RehearsalPlan {
  std::vector<PlannedTable> tables;  // parents first
  std::vector<UnfilledTable> unfilled;
};

// Reads every user table (not partitions: rows go through their parent; nothing an extension
// owns). Fails with "data rehearsal: cannot read the catalog: ..." when a query fails.
Result<RehearsalPlan> load_rehearsal_plan(Session& session);

// Orders `plan.tables` parents first (Kahn). A cycle is broken at a nullable foreign key, whose
// columns then stay NULL; a table on a cycle of NOT NULL foreign keys moves to `plan.unfilled`.
void order_for_fill(RehearsalPlan& plan);

}  // namespace sg
