// ban-drop-database: a migration changes a schema inside a database; dropping the database
// itself destroys every table and row in it.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

class BanDropDatabase : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    if (stmt.kind != "DropdbStmt") return;
    out.report(-1,
               "DROP DATABASE " + tree::text(*stmt.node, "dbname") +
                   " deletes the whole database and all of its data",
               "never drop a database from a migration: do it as a reviewed operations task "
               "after a verified backup");
  }
  // Unlike the other drops, this stays on for down migrations: undoing a migration never
  // needs to destroy a whole database, so there it is a mistake, not a rollback.
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_database() { return std::make_unique<BanDropDatabase>(); }

}  // namespace sg
