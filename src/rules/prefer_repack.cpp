// prefer-repack: VACUUM FULL and CLUSTER rewrite the table under ACCESS EXCLUSIVE, blocking
// reads and writes for the whole rewrite; pg_repack does the same work with brief locks.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

// VACUUM (FULL false) and its spellings (off, no, 0) turn the option off.
bool option_on(const tree::Json& def_elem) {
  const auto* arg = tree::field(def_elem, "arg");
  if (arg == nullptr) return true;
  if (const auto* s = tree::as(*arg, "String")) {
    std::string v = tree::text(*s, "sval");
    return v != "false" && v != "off" && v != "no" && v != "0";
  }
  if (const auto* i = tree::as(*arg, "Integer")) return tree::number(*i, "ival") != 0;
  return true;
}

bool is_vacuum_full(const tree::Json& node) {
  if (!tree::flag(node, "is_vacuumcmd")) return false;  // ANALYZE shares the node
  const auto* options = tree::field(node, "options");
  if (options == nullptr) return false;
  for (const auto& item : *options) {
    const auto* def = tree::as(item, "DefElem");
    if (def != nullptr && tree::text(*def, "defname") == "full") return option_on(*def);
  }
  return false;
}

std::string vacuum_targets(const tree::Json& node) {
  std::string names;
  if (const auto* rels = tree::field(node, "rels")) {
    for (const auto& item : *rels) {
      const auto* rel = tree::as(item, "VacuumRelation");
      const auto* range_var = rel == nullptr ? nullptr : tree::field(*rel, "relation");
      if (range_var == nullptr) continue;
      names += (names.empty() ? "" : ", ") + tree::relation_name(*range_var);
    }
  }
  return names.empty() ? "every table of the database" : names;
}

class PreferRepack : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    std::string what;
    if (stmt.kind == "VacuumStmt" && is_vacuum_full(*stmt.node)) {
      what = "VACUUM FULL of " + vacuum_targets(*stmt.node);
    } else if (stmt.kind == "ClusterStmt") {
      const auto* rel = tree::field(*stmt.node, "relation");
      what = "CLUSTER of " +
             (rel == nullptr ? std::string("every clustered table") : tree::relation_name(*rel));
    } else {
      return;
    }
    out.report(-1,
               what +
                   " rewrites it under an ACCESS EXCLUSIVE lock, blocking reads and writes "
                   "until the rewrite ends",
               "use pg_repack (or pg_squeeze), which rewrites the table online; plain VACUUM "
               "reclaims dead rows without the lock");
  }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_repack() { return std::make_unique<PreferRepack>(); }

}  // namespace sg
