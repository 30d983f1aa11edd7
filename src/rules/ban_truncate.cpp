// ban-truncate: TRUNCATE empties a table with data in it, outside MVCC (concurrent
// transactions see it empty) and under an ACCESS EXCLUSIVE lock; no rollback script gets
// the rows back.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

class BanTruncate : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    if (stmt.kind != "TruncateStmt") return;
    const tree::Json* relations = tree::field(*stmt.node, "relations");
    if (relations == nullptr) return;
    for (const auto& item : *relations) {
      const tree::Json* rel = tree::as(item, "RangeVar");
      if (rel == nullptr || !ctx.is_existing_table(*rel)) continue;
      std::string table = tree::relation_name(*rel);
      out.report(tree::location(*rel),
                 "TRUNCATE deletes every row of existing table " + table +
                     " under an ACCESS EXCLUSIVE lock, and no rollback brings them back",
                 "delete the rows you mean with DELETE ... WHERE in batches, after a backup, in "
                 "a reviewed data migration");
    }
  }
  bool applies_to_down() const override { return false; }
};

}  // namespace

std::unique_ptr<Rule> make_ban_truncate() { return std::make_unique<BanTruncate>(); }

}  // namespace sg
