#include "db/data_rehearsal.h"

#include <chrono>
#include <map>
#include <optional>

#include "db/rehearsal_values.h"

namespace sg {
namespace {

using Clock = std::chrono::steady_clock;

// Columns no unique index covers repeat seven values, so a new unique index over them meets
// duplicates as it would in production.
constexpr const char* kRepeating = "(g.i % 7 + 1)";
constexpr const char* kCheckViolation = "23514";

// How hard a CHECK constraint is worked around: first the usual values; then one constant for
// the (non-unique) columns a check names; then NULL in those that are nullable.
enum class CheckFallback { kNone, kConstant, kNull };

struct TableFill {
  std::map<int, std::string> fixed;  // attnum -> expression: foreign keys and NULLs
  std::string joins;
  long offset = 0;  // rows already there (seed data): unique values start after them
  std::string reason;
};

std::optional<long> count_rows(Session& session, const std::string& table, std::string& error) {
  std::vector<Row> rows;
  if (auto e = session.query("SELECT count(*) FROM " + table, rows)) {
    error = e->message + " (SQLSTATE " + e->sqlstate + ")";
    return std::nullopt;
  }
  return std::stol(rows.at(0).at(0).value_or("0"));
}

// Children take their keys from existing parent rows: row i references parent row
// ((i - 1) % parent_rows) + 1, so every parent is used before any repeats.
TableFill plan_foreign_keys(Session& session, const PlannedTable& t,
                            const std::map<std::string, const PlannedTable*>& tables) {
  TableFill fill;
  auto count = count_rows(session, t.sql, fill.reason);
  if (!count) return fill;
  fill.offset = *count;
  for (size_t k = 0; k < t.foreign_keys.size(); ++k) {
    const PlannedForeignKey& fk = t.foreign_keys[k];
    auto parent_it = tables.find(fk.parent_oid);
    const PlannedTable* parent = parent_it == tables.end() ? nullptr : parent_it->second;
    std::optional<long> parent_rows = 0;
    if (parent != nullptr && !fk.broken && parent != &t) {
      parent_rows = count_rows(session, parent->sql, fill.reason);
      if (!parent_rows) return fill;
    }
    if (*parent_rows == 0) {
      std::string parent_name = parent == nullptr ? "its parent" : parent->display;
      if (!fk.nullable) {
        fill.reason = parent == &t ? "foreign key " + fk.name + " is a NOT NULL self-reference"
                                   : "foreign key " + fk.name + " references " + parent_name +
                                         ", which has no rows";
        return fill;
      }
      for (int attnum : fk.columns) {
        const PlannedColumn* c = t.column(attnum);
        if (c != nullptr && !c->not_null) fill.fixed[attnum] = "NULL";
      }
      continue;
    }
    std::string alias = "p" + std::to_string(k);
    std::string select;
    for (size_t j = 0; j < fk.columns.size() && j < fk.parent_columns.size(); ++j) {
      const PlannedColumn* pc = parent->column(fk.parent_columns[j]);
      if (pc == nullptr) continue;
      select += quote_ident(pc->name) + " AS c" + std::to_string(j) + ", ";
      fill.fixed[fk.columns[j]] = alias + ".c" + std::to_string(j);
    }
    fill.joins += " JOIN (SELECT " + select + "row_number() OVER () AS rn FROM " + parent->sql +
                  ") AS " + alias + " ON " + alias + ".rn = (g.i - 1) % " +
                  std::to_string(*parent_rows) + " + 1";
  }
  return fill;
}

std::optional<std::string> insert_sql(const PlannedTable& t, const TableFill& fill, int rows,
                                      CheckFallback fallback, std::string& reason) {
  std::string columns;
  std::string values;
  for (const auto& c : t.columns) {
    if (c.generated) continue;
    std::string value;
    if (auto fixed = fill.fixed.find(c.attnum); fixed != fill.fixed.end()) {
      value = fixed->second;
    } else if (c.server_fills) {
      continue;
    } else if (fallback == CheckFallback::kNull && c.in_check && !c.not_null) {
      continue;
    } else {
      std::string x = c.unique ? "(g.i + " + std::to_string(fill.offset) + ")" : kRepeating;
      if (fallback != CheckFallback::kNone && c.in_check && !c.unique) x = "1";
      auto made = value_sql(c, x);
      if (!made && c.not_null) {
        reason = "cannot make a value of type " + c.type_sql + " for NOT NULL column " + c.name;
        return std::nullopt;
      }
      if (!made) continue;
      value = *made;
    }
    columns += (columns.empty() ? "" : ", ") + quote_ident(c.name);
    values += (values.empty() ? "" : ", ") + value;
  }
  std::string target = t.sql + (columns.empty() ? "" : " (" + columns + ")");
  return "INSERT INTO " + target + " SELECT " + values + " FROM generate_series(1, " +
         std::to_string(rows) + ") AS g(i)" + fill.joins;
}

// Fills one table; "" or the reason it stays empty.
std::string fill_table(Session& session, const PlannedTable& t, int rows,
                       const std::map<std::string, const PlannedTable*>& tables) {
  TableFill fill = plan_foreign_keys(session, t, tables);
  if (!fill.reason.empty()) return fill.reason;
  std::optional<DbError> failure;
  for (auto fallback : {CheckFallback::kNone, CheckFallback::kConstant, CheckFallback::kNull}) {
    std::string reason;
    auto sql = insert_sql(t, fill, rows, fallback, reason);
    if (!sql) return reason;
    failure = session.exec(*sql);
    if (!failure || failure->sqlstate != kCheckViolation) break;
  }
  if (!failure) return "";
  return failure->message + " (SQLSTATE " + failure->sqlstate + ")";
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

Result<RehearsalReport> fill_tables(Session& session, int rows) {
  auto started = Clock::now();
  RehearsalReport report;
  report.rows_per_table = rows;
  auto loaded = load_rehearsal_plan(session);
  if (!loaded) return Result<RehearsalReport>::fail(loaded.error);
  RehearsalPlan& plan = *loaded.value;
  order_for_fill(plan);
  // A million rows may take longer than the timeout meant for one migration statement.
  std::vector<Row> timeout;
  if (auto e = session.query("SHOW statement_timeout", timeout)) {
    return Result<RehearsalReport>::fail("data rehearsal: " + e->message);
  }
  session.exec("SET statement_timeout = 0");
  // Children join their parents' keys by row number: with the default 4 MB both sides of that
  // join spill to disk. The scratch server is ours, so the fill may use the memory.
  session.exec("SET work_mem = '256MB'");
  std::map<std::string, const PlannedTable*> by_oid;
  for (const auto& t : plan.tables) by_oid[t.oid] = &t;
  report.unfilled = plan.unfilled;
  for (const auto& t : plan.tables) {
    auto table_started = Clock::now();
    std::string reason = fill_table(session, t, rows, by_oid);
    if (reason.empty()) {
      report.tables.push_back({t.display, rows, ms_since(table_started)});
    } else {
      report.unfilled.push_back({t.display, reason});
    }
  }
  // Fresh statistics, so the migrations' plans (and durations) are those of a filled table.
  if (!report.tables.empty()) session.exec("ANALYZE");
  session.exec("SET statement_timeout = " + quote_literal(timeout.at(0).at(0).value_or("0")));
  session.exec("RESET work_mem");
  report.fill_ms = ms_since(started);
  return {std::move(report), ""};
}

}  // namespace sg
