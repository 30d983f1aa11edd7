// require-concurrent-index-creation: a plain CREATE INDEX takes a SHARE lock on the table,
// blocking every write until the index is built.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

class RequireConcurrentIndexCreation : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    if (stmt.kind != "IndexStmt" || tree::flag(*stmt.node, "concurrent")) return;
    const auto* rel = tree::field(*stmt.node, "relation");
    if (rel == nullptr || !ctx.is_existing_table(*rel)) return;
    out.report(-1,
               "CREATE INDEX on existing table " + tree::relation_name(*rel) +
                   " without CONCURRENTLY blocks writes to it (SHARE lock) until the index is "
                   "built",
               "use CREATE INDEX CONCURRENTLY, outside a transaction");
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_index_creation() {
  return std::make_unique<RequireConcurrentIndexCreation>();
}

}  // namespace sg
