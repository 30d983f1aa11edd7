// ban-create-domain-with-constraint: a CHECK on a domain cannot be changed later without
// ALTER DOMAIN, which scans every column of the domain under SHARE locks on their tables.
#include "lint/rule.h"
#include "sql/identifiers.h"
#include "sql/tree.h"

namespace sg {
namespace {

class BanCreateDomainWithConstraint : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    if (stmt.kind != "CreateDomainStmt") return;
    const auto* constraints = tree::field(*stmt.node, "constraints");
    if (constraints == nullptr) return;
    std::string domain = qualified_name(tree::field(*stmt.node, "domainname"));
    for (const auto& item : *constraints) {
      const auto* constraint = tree::as(item, "Constraint");
      if (constraint == nullptr || tree::text(*constraint, "contype") != "CONSTR_CHECK") continue;
      out.report(tree::location(*constraint),
                 "domain " + domain +
                     " has a CHECK constraint: changing it later scans and locks every table "
                     "that uses the domain",
                 "create the domain without CHECK and put the CHECK on the table columns, "
                 "where it can be added NOT VALID and validated without blocking writes");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_create_domain_with_constraint() {
  return std::make_unique<BanCreateDomainWithConstraint>();
}

}  // namespace sg
