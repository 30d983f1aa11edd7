// refresh-matview-without-concurrently: a plain REFRESH holds ACCESS EXCLUSIVE on the view
// for the whole query, so every read of it waits.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

class RefreshMatviewWithoutConcurrently : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    if (stmt.kind != "RefreshMatViewStmt" || tree::flag(*stmt.node, "concurrent")) return;
    // WITH NO DATA cannot be CONCURRENTLY, and empties the view on purpose.
    if (tree::flag(*stmt.node, "skipData")) return;
    const auto* rel = tree::field(*stmt.node, "relation");
    // A view created by this migration has no readers yet, and one created WITH NO DATA
    // cannot be refreshed CONCURRENTLY at all.
    if (rel == nullptr || !ctx.is_existing_table(*rel)) return;
    out.report(-1,
               "REFRESH MATERIALIZED VIEW " + tree::relation_name(*rel) +
                   " without CONCURRENTLY blocks every read of the view until the refresh ends",
               "use REFRESH MATERIALIZED VIEW CONCURRENTLY (it needs a unique index on the "
               "view)");
  }
};

}  // namespace

std::unique_ptr<Rule> make_refresh_matview_without_concurrently() {
  return std::make_unique<RefreshMatviewWithoutConcurrently>();
}

}  // namespace sg
