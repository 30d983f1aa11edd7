#include "db/rehearsal_plan.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace sg {
namespace {

const char* const kTablesAndColumns =
    "SELECT c.oid::text,"
    " CASE WHEN n.nspname = 'public' THEN '' ELSE n.nspname || '.' END || c.relname,"
    " quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
    " a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),"
    " a.attnotnull OR t.typnotnull,"
    " a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '', a.attgenerated <> '',"
    " b.typname, b.typtype, b.typcategory,"
    " CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END,"
    " (SELECT count(*) FROM pg_enum en WHERE en.enumtypid = b.oid), format_type(b.oid, NULL),"
    " e.typname, e.typtype, e.typcategory,"
    " (SELECT count(*) FROM pg_enum en WHERE en.enumtypid = e.oid), format_type(e.oid, NULL)"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
    " LEFT JOIN pg_type t ON t.oid = a.atttypid"
    " LEFT JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END"
    " LEFT JOIN pg_type e ON e.oid = b.typelem AND b.typcategory = 'A'"
    " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
    " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
    " AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp_%'"
    " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
    " AND d.objid = c.oid AND d.deptype = 'e')"
    " ORDER BY 2, a.attnum";

// Unique indexes include the primary key; expression entries (attnum 0) name no column.
const char* const kUniques = "SELECT indrelid::text, indkey::text FROM pg_index WHERE indisunique";

const char* const kConstraints =
    "SELECT conrelid::text, contype, conname, conkey::text, confrelid::text, confkey::text"
    " FROM pg_constraint WHERE contype IN ('c', 'f') AND conrelid <> 0 ORDER BY conname";

// "{1,2}" (int2[]) and "1 2" (int2vector) alike.
std::vector<int> attnums(const std::optional<std::string>& list) {
  std::vector<int> out;
  if (!list) return out;
  std::string number;
  for (char c : *list + " ") {
    if (c >= '0' && c <= '9') {
      number += c;
    } else if (!number.empty()) {
      out.push_back(std::stoi(number));
      number.clear();
    }
  }
  return out;
}

std::string text(const Row& row, size_t i) { return row[i].value_or(""); }
int integer(const Row& row, size_t i) { return row[i] ? std::stoi(*row[i]) : 0; }

ValueType value_type(const Row& row, size_t from) {
  ValueType t;
  t.name = text(row, from);
  t.kind = text(row, from + 1).empty() ? 'b' : text(row, from + 1)[0];
  t.category = text(row, from + 2).empty() ? 'U' : text(row, from + 2)[0];
  return t;
}

PlannedColumn column_of(const Row& row) {
  PlannedColumn c;
  c.attnum = integer(row, 3);
  c.name = text(row, 4);
  c.type_sql = text(row, 5);
  c.not_null = text(row, 6) == "t";
  c.server_fills = text(row, 7) == "t";
  c.generated = text(row, 8) == "t";
  c.type = value_type(row, 9);
  c.type.typmod = integer(row, 12);
  c.type.enum_labels = integer(row, 13);
  c.type.sql = text(row, 14);
  c.element = value_type(row, 15);
  c.element.typmod = c.type.typmod;  // varchar(3)[]: the array's typmod is the element's
  c.element.enum_labels = integer(row, 18);
  c.element.sql = text(row, 19);
  return c;
}

PlannedColumn* find_column(PlannedTable& table, int attnum) {
  for (auto& c : table.columns) {
    if (c.attnum == attnum) return &c;
  }
  return nullptr;
}

}  // namespace

const PlannedColumn* PlannedTable::column(int attnum) const {
  for (const auto& c : columns) {
    if (c.attnum == attnum) return &c;
  }
  return nullptr;
}

Result<RehearsalPlan> load_rehearsal_plan(Session& session) {
  RehearsalPlan plan;
  std::vector<Row> rows;
  auto failed = [](const DbError& e) {
    return Result<RehearsalPlan>::fail("data rehearsal: cannot read the catalog: " + e.message);
  };
  if (auto e = session.query(kTablesAndColumns, rows)) return failed(*e);
  std::map<std::string, size_t> by_oid;
  for (const auto& row : rows) {
    std::string oid = text(row, 0);
    if (!by_oid.count(oid)) {
      by_oid[oid] = plan.tables.size();
      plan.tables.push_back({oid, text(row, 1), text(row, 2), {}, {}});
    }
    if (row[3]) plan.tables[by_oid[oid]].columns.push_back(column_of(row));
  }
  if (auto e = session.query(kUniques, rows)) return failed(*e);
  for (const auto& row : rows) {
    auto it = by_oid.find(text(row, 0));
    if (it == by_oid.end()) continue;
    for (int attnum : attnums(row[1])) {
      if (auto* c = find_column(plan.tables[it->second], attnum)) c->unique = true;
    }
  }
  if (auto e = session.query(kConstraints, rows)) return failed(*e);
  for (const auto& row : rows) {
    auto it = by_oid.find(text(row, 0));
    if (it == by_oid.end()) continue;
    PlannedTable& table = plan.tables[it->second];
    if (text(row, 1) == "c") {
      for (int attnum : attnums(row[3])) {
        if (auto* c = find_column(table, attnum)) c->in_check = true;
      }
      continue;
    }
    PlannedForeignKey fk{text(row, 2), text(row, 4), attnums(row[3]), attnums(row[5])};
    for (int attnum : fk.columns) {
      const PlannedColumn* c = table.column(attnum);
      fk.nullable = fk.nullable || (c != nullptr && !c->not_null);
    }
    table.foreign_keys.push_back(std::move(fk));
  }
  return {std::move(plan), ""};
}

void order_for_fill(RehearsalPlan& plan) {
  std::vector<PlannedTable> pending = std::move(plan.tables);
  plan.tables.clear();
  std::set<std::string> placed;
  auto in_pending = [&](const std::string& oid) {
    return std::any_of(pending.begin(), pending.end(),
                       [&](const PlannedTable& t) { return t.oid == oid; });
  };
  // An edge child -> parent that still has to wait for the parent.
  auto waits = [&](const PlannedTable& child, const PlannedForeignKey& fk) {
    return !fk.broken && fk.parent_oid != child.oid && in_pending(fk.parent_oid);
  };
  auto reaches = [&](const std::string& from, const std::string& to) {
    std::set<std::string> seen;
    std::function<bool(const std::string&)> walk = [&](const std::string& oid) {
      if (oid == to) return true;
      if (!seen.insert(oid).second) return false;
      for (const auto& t : pending) {
        if (t.oid != oid) continue;
        for (const auto& fk : t.foreign_keys) {
          if (waits(t, fk) && walk(fk.parent_oid)) return true;
        }
      }
      return false;
    };
    for (const auto& t : pending) {
      if (t.oid != from) continue;
      for (const auto& fk : t.foreign_keys) {
        if (waits(t, fk) && walk(fk.parent_oid)) return true;
      }
    }
    return false;
  };
  while (!pending.empty()) {
    auto ready = std::find_if(pending.begin(), pending.end(), [&](const PlannedTable& t) {
      return std::none_of(t.foreign_keys.begin(), t.foreign_keys.end(),
                          [&](const PlannedForeignKey& fk) { return waits(t, fk); });
    });
    if (ready != pending.end()) {
      plan.tables.push_back(std::move(*ready));
      pending.erase(ready);
      continue;
    }
    // Stuck: every pending table waits, so there is a cycle. Break it at a nullable edge.
    bool broke = false;
    for (auto& t : pending) {
      for (auto& fk : t.foreign_keys) {
        if (!broke && fk.nullable && waits(t, fk) && reaches(fk.parent_oid, t.oid)) {
          fk.broken = broke = true;
        }
      }
    }
    if (broke) continue;
    std::vector<std::string> cycle;
    for (const auto& t : pending) {
      if (reaches(t.oid, t.oid)) cycle.push_back(t.display);
    }
    if (cycle.empty()) {  // cannot happen while every table waits; never loop forever
      for (const auto& t : pending) cycle.push_back(t.display);
    }
    std::string names;
    for (const auto& name : cycle) names += (names.empty() ? "" : ", ") + name;
    for (const auto& name : cycle) {
      plan.unfilled.push_back({name, "on a cycle of NOT NULL foreign keys (" + names + ")"});
    }
    pending.erase(std::remove_if(pending.begin(), pending.end(),
                                 [&](const PlannedTable& t) {
                                   return std::find(cycle.begin(), cycle.end(), t.display) !=
                                          cycle.end();
                                 }),
                  pending.end());
  }
}

}  // namespace sg
