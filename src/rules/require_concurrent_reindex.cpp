// require-concurrent-reindex: a plain REINDEX holds a SHARE lock on the table (no writes) and
// an ACCESS EXCLUSIVE lock on each index it rebuilds (no reads through it) for the whole build.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

// REINDEX (CONCURRENTLY) and REINDEX ... CONCURRENTLY both become a `concurrently` DefElem;
// (CONCURRENTLY false | off | 0) turns it off again.
bool concurrently(const tree::Json& reindex) {
  const tree::Json* params = tree::field(reindex, "params");
  if (params == nullptr) return false;
  bool on = false;
  for (const auto& item : *params) {
    const tree::Json* def = tree::as(item, "DefElem");
    if (def == nullptr || tree::text(*def, "defname") != "concurrently") continue;
    const tree::Json* arg = tree::field(*def, "arg");
    if (arg == nullptr) {
      on = true;
    } else if (const tree::Json* s = tree::as(*arg, "String")) {
      std::string v = tree::text(*s, "sval");
      on = v != "false" && v != "off" && v != "0";
    } else if (const tree::Json* i = tree::as(*arg, "Integer")) {
      on = tree::number(*i, "ival") != 0;
    } else if (const tree::Json* b = tree::as(*arg, "Boolean")) {
      on = tree::flag(*b, "boolval");
    }
  }
  return on;
}

class RequireConcurrentReindex : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    if (stmt.kind != "ReindexStmt" || concurrently(*stmt.node)) return;
    std::string kind = tree::text(*stmt.node, "kind");
    // System catalogs cannot be reindexed concurrently: there is nothing better to suggest.
    if (kind == "REINDEX_OBJECT_SYSTEM") return;
    std::string target;
    if (const tree::Json* rel = tree::field(*stmt.node, "relation")) {
      target = tree::relation_name(*rel);
    } else {
      target = tree::text(*stmt.node, "name");
    }
    std::string object = kind.substr(kind.rfind('_') + 1);  // INDEX, TABLE, SCHEMA, DATABASE
    std::string written = "REINDEX " + object + (target.empty() ? "" : " " + target);
    std::string help =
        ctx.pg_version() >= 12
            ? "use REINDEX " + object + " CONCURRENTLY" + (target.empty() ? "" : " " + target) +
                  ", outside a transaction block"
            : "PostgreSQL " + std::to_string(ctx.pg_version()) +
                  " has no REINDEX CONCURRENTLY: build a copy with CREATE INDEX CONCURRENTLY, "
                  "drop the old index with DROP INDEX CONCURRENTLY and rename the copy";
    out.report(-1,
               written +
                   " without CONCURRENTLY blocks writes to the table, and reads through the "
                   "rebuilt indexes, until every index is rebuilt",
               help);
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_reindex() {
  return std::make_unique<RequireConcurrentReindex>();
}

}  // namespace sg
