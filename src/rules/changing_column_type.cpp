// changing-column-type: ALTER COLUMN TYPE rewrites the table and its indexes under ACCESS
// EXCLUSIVE, except when the old type is binary-coercible to the new one. The old type is
// known when this file declared it (an earlier ADD COLUMN or ALTER TYPE), or, for SQL a
// JavaScript migration sent, from the database it ran on (Sequelize's changeColumn re-sends a
// column's type with every change, so an unchanged type is no rewrite).
#include <map>
#include <utility>
#include <vector>

#include "lint/rule.h"
#include "rules/alter_table.h"

namespace sg {
namespace {

// As the parser stores it ("varchar", "numeric", "int4") with its modifiers; the capture
// records a database's columns in the same terms.
using ColumnType = SourceMap::ColumnType;

ColumnType column_type(const nlohmann::json& column) {
  const auto* type = tree::field(column, "typeName");
  if (type == nullptr) return {};
  return {tree::type_name(*type), tree::type_mods(*type)};
}

std::string display(const ColumnType& type) {
  std::string out = type.name;
  for (size_t i = 0; i < type.mods.size(); ++i) {
    out += (i == 0 ? "(" : ",") + std::to_string(type.mods[i]);
  }
  return type.mods.empty() ? out : out + ")";
}

// The binary-coercible widenings of PostgreSQL's ALTER TABLE: varchar(n) to text, to
// unbounded varchar or to varchar(m >= n); numeric(p,s) to numeric(q >= p, s) or numeric.
bool is_widening(const ColumnType& from, const ColumnType& to) {
  if (from.name == to.name && from.mods == to.mods) return true;
  bool from_string = from.name == "varchar" || from.name == "text";
  if (from_string && (to.name == "text" || (to.name == "varchar" && to.mods.empty()))) return true;
  if (from.name == "varchar" && to.name == "varchar" && from.mods.size() == 1 &&
      to.mods.size() == 1) {
    return to.mods[0] >= from.mods[0];
  }
  if (from.name != "numeric" || to.name != "numeric" || from.mods.empty()) return false;
  if (to.mods.empty()) return true;
  long from_scale = from.mods.size() > 1 ? from.mods[1] : 0;
  long to_scale = to.mods.size() > 1 ? to.mods[1] : 0;
  return to.mods[0] >= from.mods[0] && to_scale == from_scale;
}

// USING absent, or the column itself (possibly cast): the contents do not change.
bool keeps_contents(const nlohmann::json& column, const std::string& name) {
  const auto* expr = tree::field(column, "raw_default");
  if (expr == nullptr) return true;
  if (const auto* cast = tree::as(*expr, "TypeCast")) expr = tree::field(*cast, "arg");
  return expr != nullptr && alter::column_ref_name(*expr) == name;
}

// The column's type in the database a captured script ran on, just before it ran.
bool ran_with(const LintContext& ctx, const std::string& table_column, ColumnType& out) {
  const SourceMap* map = ctx.source().source_map();
  if (map == nullptr) return false;
  auto found = map->columns_before.find(table_column);
  if (found == map->columns_before.end()) return false;
  out = found->second;
  return true;
}

class ChangingColumnType : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    alter::for_each_cmd(stmt, [&](const nlohmann::json& rel, const nlohmann::json& cmd) {
      std::string_view type = alter::subtype(cmd);
      const auto* column = alter::column_def(cmd);
      if (column == nullptr) return;
      std::string table = tree::relation_name(rel);
      if (type == "AddColumn") {
        known_[{table, tree::text(*column, "colname")}] = column_type(*column);
        return;
      }
      if (type != "AlterColumnType") return;
      std::string name = tree::text(cmd, "name");
      ColumnType to = column_type(*column);
      auto old = known_.find({table, name});
      bool known = old != known_.end();
      ColumnType from = known ? old->second : ColumnType{};
      const auto* type_node = tree::field(*column, "typeName");
      if (!known && type_node != nullptr && tree::field(*type_node, "arrayBounds") == nullptr) {
        known = ran_with(ctx, table + "." + name, from);
      }
      known_[{table, name}] = to;
      if (!ctx.is_existing_table(rel) ||
          (known && keeps_contents(*column, name) && is_widening(from, to))) {
        return;
      }
      std::string rewrite =
          " rewrites existing table " + table + " and its indexes under an ACCESS EXCLUSIVE lock";
      out.report(tree::location(*column),
                 known ? "changing " + table + "." + name + " from " + display(from) + " to " +
                             display(to) + rewrite
                       : "changing the type of " + table + "." + name + " to " + display(to) +
                             rewrite + " unless the old type is binary-coercible to it",
                 "expand-contract: add a column of the new type, backfill it in batches, switch "
                 "the code to it, then drop the old column; a binary-coercible widening "
                 "(varchar(n) to text) needs no rewrite: suppress with that reason");
    });
  }

 private:
  std::map<std::pair<std::string, std::string>, ColumnType> known_;  // (table, column)
};

}  // namespace

std::unique_ptr<Rule> make_changing_column_type() { return std::make_unique<ChangingColumnType>(); }

}  // namespace sg
