// renaming-table: every query of the running release that names the old table fails from the
// moment the rename commits.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

class RenamingTable : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    if (stmt.kind != "RenameStmt" || tree::text(*stmt.node, "renameType") != "OBJECT_TABLE") {
      return;
    }
    const auto* rel = tree::field(*stmt.node, "relation");
    if (rel == nullptr) return;
    std::string table = tree::relation_name(*rel);
    out.report(-1,
               "renaming table " + table + " to " + tree::text(*stmt.node, "newname") +
                   " breaks code that still uses " + table,
               "keep the old name working while code moves: in the same transaction CREATE VIEW " +
                   table +
                   " AS SELECT * FROM the new name, and drop the view in a later "
                   "migration");
  }
  bool applies_to_down() const override { return false; }
};

}  // namespace

std::unique_ptr<Rule> make_renaming_table() { return std::make_unique<RenamingTable>(); }

}  // namespace sg
