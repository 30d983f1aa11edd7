// renaming-column: the old release keeps running during and after the migration, and every
// query of it that names the old column fails.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

class RenamingColumn : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    if (stmt.kind != "RenameStmt" || tree::text(*stmt.node, "renameType") != "OBJECT_COLUMN") {
      return;
    }
    const auto* rel = tree::field(*stmt.node, "relation");
    if (rel == nullptr) return;
    std::string table = tree::relation_name(*rel);
    out.report(-1,
               "renaming column " + table + "." + tree::text(*stmt.node, "subname") + " to " +
                   tree::text(*stmt.node, "newname") + " breaks code that still uses the old name",
               "expand-contract: add the new column, write both and backfill, switch reads to "
               "it, then drop the old column in a later migration");
  }
  bool applies_to_down() const override { return false; }
};

}  // namespace

std::unique_ptr<Rule> make_renaming_column() { return std::make_unique<RenamingColumn>(); }

}  // namespace sg
