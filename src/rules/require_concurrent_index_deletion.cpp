// require-concurrent-index-deletion: a plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the
// index's table, and waits for every running query on it while queueing all new ones.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

// DROP INDEX a, s.b -> "a, s.b", leaving out indexes of tables created earlier (nobody
// reads them yet: the down of a migration that created the table drops them at no cost).
std::string index_names(const nlohmann::json& objects, const LintContext& ctx) {
  std::string out;
  for (const auto& object : objects) {
    const auto* list = tree::as(object, "List");
    if (list == nullptr) continue;
    std::string name;
    for (const auto& part : tree::strings(tree::field(*list, "items"))) {
      name += (name.empty() ? "" : ".") + part;
    }
    std::string bare = name.substr(name.rfind('.') == std::string::npos ? 0 : name.rfind('.') + 1);
    if (ctx.index_of_new_table(bare)) continue;
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

class RequireConcurrentIndexDeletion : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    if (stmt.kind != "DropStmt" || tree::text(*stmt.node, "removeType") != "OBJECT_INDEX" ||
        tree::flag(*stmt.node, "concurrent")) {
      return;
    }
    const auto* objects = tree::field(*stmt.node, "objects");
    if (objects == nullptr) return;
    std::string names = index_names(*objects, ctx);
    if (names.empty()) return;
    out.report(-1,
               "DROP INDEX " + names +
                   " without CONCURRENTLY locks its table (ACCESS EXCLUSIVE) against reads and "
                   "writes until it finishes",
               "use DROP INDEX CONCURRENTLY, as its own statement outside a transaction");
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_index_deletion() {
  return std::make_unique<RequireConcurrentIndexDeletion>();
}

}  // namespace sg
