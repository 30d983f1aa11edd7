#include "db/schema_diff.h"

#include <map>
#include <set>

namespace sg {
namespace {

// "column orders.status" -> "orders"; "" for other objects.
std::string table_of_column(const std::string& key) {
  if (key.rfind("column ", 0) != 0) return "";
  size_t dot = key.rfind('.');
  return dot == std::string::npos || dot < 7 ? "" : key.substr(7, dot - 7);
}

// A column's definition without its "position N" (schema_snapshot.cpp puts it last).
std::string without_position(const std::string& value) {
  size_t at = value.rfind("position ");
  if (at == std::string::npos) return value;
  return value.substr(0, at > 0 && value[at - 1] == ' ' ? at - 1 : at);
}

struct Columns {
  std::map<std::string, std::string> definitions;  // key -> definition without position
  std::map<int, std::string> by_position;          // position -> column name
};

std::map<std::string, Columns> columns_by_table(const SchemaSnapshot& snapshot) {
  std::map<std::string, Columns> out;
  for (const auto& [key, value] : snapshot.objects) {
    std::string table = table_of_column(key);
    if (table.empty()) continue;
    Columns& c = out[table];
    c.definitions[key] = without_position(value);
    size_t at = value.rfind("position ");
    int position = at == std::string::npos ? 0 : std::atoi(value.c_str() + at + 9);
    c.by_position[position] = key.substr(key.rfind('.') + 1);
  }
  return out;
}

std::string order_text(const Columns& c) {
  std::string out;
  for (const auto& [position, name] : c.by_position) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Tables whose columns are the same, defined the same, in another order.
std::set<std::string> reordered_tables(const SchemaSnapshot& expected,
                                       const SchemaSnapshot& actual, const std::string& moment,
                                       std::vector<std::string>& lines) {
  std::set<std::string> out;
  auto want = columns_by_table(expected);
  auto have = columns_by_table(actual);
  for (const auto& [table, columns] : want) {
    auto other = have.find(table);
    if (other == have.end() || other->second.definitions != columns.definitions) continue;
    std::string was = order_text(columns);
    std::string now = order_text(other->second);
    if (was == now) continue;
    out.insert(table);
    lines.push_back("columns of " + table + " are in another order " + moment + ": was `" + was +
                    "`, now `" + now + "` (column order only)");
  }
  return out;
}

// PostgreSQL cannot undo VALIDATE CONSTRAINT (a rollback could only drop the key and add it
// back NOT VALID): a constraint that comes back validated, definition unchanged, is restored.
bool validated_since(const std::string& was, const std::string& now) {
  // pg_get_constraintdef() says NOT VALID itself; the snapshot adds "(not validated)".
  static const std::string kSuffixes[] = {" NOT VALID (not validated)", " (not validated)"};
  for (const auto& suffix : kSuffixes) {
    if (was.size() == now.size() + suffix.size() &&
        was.compare(now.size(), std::string::npos, suffix) == 0 &&
        was.compare(0, now.size(), now) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> diff_snapshots(const SchemaSnapshot& expected,
                                        const SchemaSnapshot& actual, DiffMoment moment,
                                        std::vector<std::string>* column_order) {
  std::string extra = " exists after reapply but not after the first up";
  std::string missing = " is missing after reapply";
  std::string differs = " differs after reapply: was `";
  std::string now = "`, now `";
  std::string when = "after reapply";
  if (moment == DiffMoment::kAfterRollback) {
    extra = " still exists after rollback";
    missing = " is missing after rollback";
    differs = " differs after rollback: was `";
    when = "after rollback";
  } else if (moment == DiffMoment::kOnTarget) {
    extra = " exists on the target but in no migration";
    missing = " is in the migrations but missing on the target";
    differs = " differs on the target: migrations give `";
    now = "`, target has `";
  }
  std::set<std::string> reordered;
  if (column_order != nullptr) reordered = reordered_tables(expected, actual, when, *column_order);
  std::vector<std::string> out;
  auto e = expected.objects.begin();
  auto a = actual.objects.begin();
  // Both maps are sorted by key: one merge pass yields the lines in object order.
  while (e != expected.objects.end() || a != actual.objects.end()) {
    if (a == actual.objects.end() || (e != expected.objects.end() && e->first < a->first)) {
      out.push_back(e->first + missing);
      ++e;
    } else if (e == expected.objects.end() || a->first < e->first) {
      out.push_back(a->first + extra);
      ++a;
    } else {
      bool explained = reordered.count(table_of_column(e->first)) > 0 ||
                       (moment == DiffMoment::kAfterRollback &&
                        e->first.rfind("constraint ", 0) == 0 &&
                        validated_since(e->second, a->second));
      if (e->second != a->second && !explained) {
        out.push_back(e->first + differs + e->second + now + a->second + "`");
      }
      ++e;
      ++a;
    }
  }
  return out;
}

}  // namespace sg
