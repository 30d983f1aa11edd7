// ban-drop-table: dropping a table deletes its data for good, and every query of the running
// release that names it fails. A table created earlier in the same file has neither.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

class BanDropTable : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    if (stmt.kind != "DropStmt" || tree::text(*stmt.node, "removeType") != "OBJECT_TABLE") return;
    const auto* objects = tree::field(*stmt.node, "objects");
    if (objects == nullptr) return;
    std::string names;
    for (const auto& object : *objects) {
      const auto* list = tree::as(object, "List");
      auto parts = tree::strings(list == nullptr ? nullptr : tree::field(*list, "items"));
      if (parts.empty() || ctx.created_earlier(parts.back())) continue;
      std::string name =
          parts.size() > 1 ? parts[parts.size() - 2] + "." + parts.back() : parts.back();
      names += (names.empty() ? "" : ", ") + name;
    }
    if (names.empty()) return;
    out.report(
        -1,
        "dropping existing table " + names + " deletes its data and breaks code that still uses it",
        "expand-contract: stop using the table in a deployed release first and keep a "
        "backup, then drop it in a later migration");
  }
  bool applies_to_down() const override { return false; }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_table() { return std::make_unique<BanDropTable>(); }

}  // namespace sg
