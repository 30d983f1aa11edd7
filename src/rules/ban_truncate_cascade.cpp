// ban-truncate-cascade: CASCADE also empties every table with a foreign key to the named
// ones, and theirs in turn, none of which the statement names.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

class BanTruncateCascade : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    if (stmt.kind != "TruncateStmt" || tree::text(*stmt.node, "behavior") != "DROP_CASCADE") {
      return;
    }
    std::string tables;
    int count = 0;
    if (const tree::Json* relations = tree::field(*stmt.node, "relations")) {
      for (const auto& item : *relations) {
        if (const tree::Json* rel = tree::as(item, "RangeVar")) {
          tables += (count++ == 0 ? "" : ", ") + tree::relation_name(*rel);
        }
      }
    }
    out.report(-1,
               "TRUNCATE " + tables + " CASCADE also empties every table that references " +
                   (count > 1 ? "them" : "it") +
                   " by foreign key, and every table referencing those",
               "name each table to empty in the TRUNCATE, without CASCADE, so the review sees "
               "every table that loses its rows");
  }
  bool applies_to_down() const override { return false; }
};

}  // namespace

std::unique_ptr<Rule> make_ban_truncate_cascade() { return std::make_unique<BanTruncateCascade>(); }

}  // namespace sg
