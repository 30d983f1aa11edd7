// ban-duplicate-column-assignments: PostgreSQL rejects a column declared or assigned twice,
// so the migration fails at deploy time; catching it in review is cheaper.
#include <set>
#include <vector>

#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

class BanDuplicateColumnAssignments : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    const auto* rel = tree::field(*stmt.node, "relation");
    if (rel == nullptr) return;
    table_ = tree::relation_name(*rel);
    if (stmt.kind == "CreateStmt") {
      find_duplicates(tree::field(*stmt.node, "tableElts"), "ColumnDef", "colname", "declared",
                      out);
    } else if (stmt.kind == "AlterTableStmt") {
      find_added_twice(*stmt.node, out);
    } else if (stmt.kind == "UpdateStmt") {
      find_duplicates(tree::field(*stmt.node, "targetList"), "ResTarget", "name", "assigned", out);
    } else if (stmt.kind == "InsertStmt") {
      find_duplicates(tree::field(*stmt.node, "cols"), "ResTarget", "name", "listed", out);
      if (const auto* conflict = tree::field(*stmt.node, "onConflictClause")) {
        find_duplicates(tree::field(*conflict, "targetList"), "ResTarget", "name", "assigned", out);
      }
    }
  }

 private:
  void find_added_twice(const tree::Json& node, Emitter& out) {
    const auto* cmds = tree::field(node, "cmds");
    if (cmds == nullptr) return;
    std::vector<const tree::Json*> defs;
    for (const auto& item : *cmds) {
      const auto* cmd = tree::as(item, "AlterTableCmd");
      if (cmd == nullptr || tree::text(*cmd, "subtype") != "AT_AddColumn") continue;
      if (const auto* def = tree::field(*cmd, "def")) defs.push_back(def);
    }
    find_duplicates(defs, "ColumnDef", "colname", "added", out);
  }

  void find_duplicates(const tree::Json* list, std::string_view kind, std::string_view key,
                       const std::string& verb, Emitter& out) {
    std::vector<const tree::Json*> items;
    if (list != nullptr) {
      for (const auto& item : *list) items.push_back(&item);
    }
    find_duplicates(items, kind, key, verb, out);
  }

  void find_duplicates(const std::vector<const tree::Json*>& items, std::string_view kind,
                       std::string_view key, const std::string& verb, Emitter& out) {
    std::set<std::string> seen;
    for (const auto* item : items) {
      const auto* node = tree::as(*item, kind);
      if (node == nullptr) continue;
      // SET a[1] = x, a[2] = y (or a.f, a.g) assigns parts of one column, which is allowed.
      if (tree::field(*node, "indirection") != nullptr) continue;
      std::string name = tree::text(*node, key);
      if (name.empty() || seen.insert(name).second) continue;
      out.report(tree::location(*node),
                 "column " + name + " of " + table_ + " is " + verb +
                     " twice in one statement; PostgreSQL rejects it",
                 "keep one " + (verb == "assigned" ? std::string("assignment") : "occurrence") +
                     " of " + name);
    }
  }

  std::string table_;
};

}  // namespace

std::unique_ptr<Rule> make_ban_duplicate_column_assignments() {
  return std::make_unique<BanDuplicateColumnAssignments>();
}

}  // namespace sg
