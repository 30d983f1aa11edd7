// unbatched-backfill: one UPDATE / DELETE over a whole table locks every row it touches until
// it commits and bloats the table; seed 002 batches 10,000 rows at a time.
#include <algorithm>

#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

using Json = nlohmann::json;

// The top-level AND-ed conditions of a WHERE clause.
std::vector<const Json*> conjuncts(const Json& where) {
  const Json* bool_expr = tree::as(where, "BoolExpr");
  if (bool_expr == nullptr || tree::text(*bool_expr, "boolop") != "AND_EXPR") return {&where};
  std::vector<const Json*> out;
  if (const Json* args = tree::field(*bool_expr, "args")) {
    for (const auto& arg : *args) {
      for (const Json* c : conjuncts(arg)) out.push_back(c);
    }
  }
  return out;
}

std::string column_name(const Json* expr) {
  const Json* ref = expr != nullptr ? tree::as(*expr, "ColumnRef") : nullptr;
  if (ref == nullptr) return "";
  std::vector<std::string> parts = tree::strings(tree::field(*ref, "fields"));
  return parts.empty() ? "" : parts.back();
}

// `key IN (SELECT ... LIMIT n)` or `key = ANY (ARRAY(SELECT ... LIMIT n))`.
bool has_limited_subquery(const Json& condition) {
  bool found = false;
  tree::walk(condition, [&](std::string_view kind, const Json& fields) {
    if (kind != "SubLink") return true;
    std::string type = tree::text(fields, "subLinkType");
    const Json* sub = tree::field(fields, "subselect");
    const Json* select = sub != nullptr ? tree::as(*sub, "SelectStmt") : nullptr;
    if ((type == "ANY_SUBLINK" || type == "ARRAY_SUBLINK") && select != nullptr &&
        tree::field(*select, "limitCount") != nullptr) {
      found = true;
    }
    return !found;
  });
  return found;
}

// `key BETWEEN x AND y`, or a lower and an upper bound on the same column.
bool has_key_range(const std::vector<const Json*>& conditions) {
  std::vector<std::string> lower;
  std::vector<std::string> upper;
  for (const Json* c : conditions) {
    const Json* expr = tree::as(*c, "A_Expr");
    if (expr == nullptr) continue;
    std::string kind = tree::text(*expr, "kind");
    std::string left = column_name(tree::field(*expr, "lexpr"));
    if (kind == "AEXPR_BETWEEN" || kind == "AEXPR_BETWEEN_SYM") {
      if (!left.empty()) return true;
      continue;
    }
    if (kind != "AEXPR_OP") continue;
    std::vector<std::string> op = tree::strings(tree::field(*expr, "name"));
    if (op.size() != 1) continue;
    std::string right = column_name(tree::field(*expr, "rexpr"));
    bool greater = op[0] == ">" || op[0] == ">=";
    bool less = op[0] == "<" || op[0] == "<=";
    if (!left.empty() && greater) lower.push_back(left);
    if (!left.empty() && less) upper.push_back(left);
    if (left.empty() && !right.empty() && less) lower.push_back(right);     // x < key
    if (left.empty() && !right.empty() && greater) upper.push_back(right);  // y > key
  }
  for (const auto& column : lower) {
    if (std::find(upper.begin(), upper.end(), column) != upper.end()) return true;
  }
  return false;
}

bool is_batched(const Json* where) {
  if (where == nullptr) return false;
  if (tree::as(*where, "CurrentOfExpr") != nullptr) return true;  // one row of a cursor
  std::vector<const Json*> conditions = conjuncts(*where);
  for (const Json* c : conditions) {
    if (has_limited_subquery(*c)) return true;
  }
  return has_key_range(conditions);
}

class UnbatchedBackfill : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    if (stmt.kind != "UpdateStmt" && stmt.kind != "DeleteStmt") return;
    // A statement in a loop is one batch of it; a function's statements run when it is called.
    if (stmt.in_loop || stmt.in_function_body) return;
    const Json* rel = tree::field(*stmt.node, "relation");
    if (rel == nullptr || !ctx.is_existing_table(*rel)) return;
    if (is_batched(tree::field(*stmt.node, "whereClause"))) return;
    std::string verb = stmt.kind == "UpdateStmt" ? "UPDATE" : "DELETE";
    out.report(-1,
               verb + " of existing table " + tree::relation_name(*rel) +
                   " is not batched: it locks every row it touches until it commits and can "
                   "run for minutes",
               "work in batches of about 10,000 rows: WHERE id IN (SELECT id FROM ... LIMIT "
               "10000) repeated until no row is left, a key range (WHERE id >= x AND id < y), "
               "or a DO loop that commits between batches");
  }
};

}  // namespace

std::unique_ptr<Rule> make_unbatched_backfill() { return std::make_unique<UnbatchedBackfill>(); }

}  // namespace sg
