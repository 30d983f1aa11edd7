// ban-drop-column: DROP COLUMN breaks every running release that still reads the column.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

class BanDropColumn : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    if (stmt.kind != "AlterTableStmt") return;
    const auto* rel = tree::field(*stmt.node, "relation");
    const auto* cmds = tree::field(*stmt.node, "cmds");
    if (rel == nullptr || cmds == nullptr) return;
    for (const auto& item : *cmds) {
      const auto* cmd = tree::as(item, "AlterTableCmd");
      if (cmd == nullptr || tree::text(*cmd, "subtype") != "AT_DropColumn") continue;
      out.report(tree::location(*rel),
                 "dropping column " + tree::relation_name(*rel) + "." + tree::text(*cmd, "name") +
                     " breaks code that still reads or writes it",
                 "expand-contract: stop using the column in a deployed release first, then drop "
                 "it in a later migration");
    }
  }
  bool applies_to_down() const override { return false; }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_column() { return std::make_unique<BanDropColumn>(); }

}  // namespace sg
