// ban-alter-system: ALTER SYSTEM writes postgresql.auto.conf, and pg_reload_conf() makes the
// server re-read its configuration: a migration that changes the whole server's settings
// (every database on it, for every later session) instead of its own schema.
#include "lint/rule.h"
#include "sql/identifiers.h"
#include "sql/tree.h"

namespace sg {
namespace {

class BanAlterSystem : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    if (stmt.kind == "AlterSystemStmt") {
      // setstmt is a typed field: the VariableSetStmt's fields, without a wrapper.
      const tree::Json* set = tree::field(*stmt.node, "setstmt");
      std::string name = set != nullptr ? tree::text(*set, "name") : "";
      out.report(-1,
                 "ALTER SYSTEM" + (name.empty() ? std::string() : " (" + name + ")") +
                     " changes the configuration of the whole server, for every database on it",
                 "leave server settings to the server's configuration management; for this "
                 "database use ALTER DATABASE ... SET, for a role ALTER ROLE ... SET");
    }
    tree::walk(*stmt.node, [&](std::string_view kind, const tree::Json& fields) {
      if (kind != "FuncCall") return true;
      std::vector<std::string> names = tree::strings(tree::field(fields, "funcname"));
      if (names.empty() || names.back() != "pg_reload_conf") return true;
      out.report(tree::location(fields),
                 qualified_name(tree::field(fields, "funcname")) +
                     "() makes the server reload its configuration files from a migration",
                 "reload the configuration from the server's configuration management, not "
                 "from a schema change");
      return true;
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_alter_system() { return std::make_unique<BanAlterSystem>(); }

}  // namespace sg
