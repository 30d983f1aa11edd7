// ban-drop-not-null: code of the running release reads the column as always set; once NULLs
// can be written, that code fails on the first one (null dereference, failed decode).
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

class BanDropNotNull : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    if (stmt.kind != "AlterTableStmt") return;
    const tree::Json* rel = tree::field(*stmt.node, "relation");
    const tree::Json* cmds = tree::field(*stmt.node, "cmds");
    if (rel == nullptr || cmds == nullptr) return;
    for (const auto& item : *cmds) {
      const tree::Json* cmd = tree::as(item, "AlterTableCmd");
      if (cmd == nullptr || tree::text(*cmd, "subtype") != "AT_DropNotNull") continue;
      out.report(-1,
                 "dropping NOT NULL on " + tree::relation_name(*rel) + "." +
                     tree::text(*cmd, "name") +
                     " lets NULLs into a column that running code reads as always set",
                 "expand-contract: deploy code that handles NULL in this column first, then drop "
                 "the constraint in a later migration");
    }
  }
  // A rollback dropping the NOT NULL its up migration set restores the old contract.
  bool applies_to_down() const override { return false; }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_not_null() { return std::make_unique<BanDropNotNull>(); }

}  // namespace sg
