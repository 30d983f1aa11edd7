// ban-alter-domain-with-add-constraint: ALTER DOMAIN ADD CONSTRAINT checks every column of
// the domain in every table under a SHARE lock, blocking their writes; VALIDATE CONSTRAINT
// later takes the same locks, so NOT VALID only postpones the block.
#include "lint/rule.h"
#include "sql/identifiers.h"
#include "sql/tree.h"

namespace sg {
namespace {

class BanAlterDomainWithAddConstraint : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    if (stmt.kind != "AlterDomainStmt") return;
    // subtype is PostgreSQL's one-letter code: 'C' adds a constraint.
    if (tree::text(*stmt.node, "subtype") != "C") return;
    std::string domain = qualified_name(tree::field(*stmt.node, "typeName"));
    long location = -1;
    if (const auto* def = tree::field(*stmt.node, "def")) {
      if (const auto* constraint = tree::as(*def, "Constraint")) {
        location = tree::location(*constraint);
      }
    }
    out.report(location,
               "ALTER DOMAIN " + domain +
                   " ADD CONSTRAINT checks every table column of the domain while blocking "
                   "writes to those tables (SHARE lock)",
               "put the constraint on the table columns instead (ADD CONSTRAINT ... NOT VALID, "
               "then VALIDATE CONSTRAINT, which does not block writes)");
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_alter_domain_with_add_constraint() {
  return std::make_unique<BanAlterDomainWithAddConstraint>();
}

}  // namespace sg
