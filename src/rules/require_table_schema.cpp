// require-table-schema: an unqualified name resolves through search_path, which differs
// between the migration tool's session, psql and the application.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

constexpr const char* kHelp = "qualify the table with its schema, e.g. public.";

class RequireTableSchema : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    const auto& node = *stmt.node;
    if (stmt.kind == "DropStmt") {
      if (tree::text(node, "removeType") != "OBJECT_TABLE") return;
      check_drop(node, out);
      return;
    }
    if (stmt.kind == "AlterTableStmt" && tree::text(node, "objtype") != "OBJECT_TABLE") return;
    if (stmt.kind != "CreateStmt" && stmt.kind != "AlterTableStmt" && stmt.kind != "IndexStmt" &&
        stmt.kind != "InsertStmt" && stmt.kind != "UpdateStmt" && stmt.kind != "DeleteStmt") {
      return;
    }
    const auto* rel = tree::field(node, "relation");
    if (rel == nullptr || tree::has_schema(*rel)) return;
    // Temporary tables live in the session's own pg_temp schema; no other schema is allowed.
    if (tree::text(*rel, "relpersistence") == "t") return;
    std::string name = tree::text(*rel, "relname");
    out.report(tree::location(*rel),
               "table " + name + " is not schema-qualified: it resolves through search_path",
               kHelp + name);
  }

 private:
  static void check_drop(const tree::Json& node, Emitter& out) {
    const auto* objects = tree::field(node, "objects");
    if (objects == nullptr) return;
    for (const auto& object : *objects) {
      const auto* list = tree::as(object, "List");
      if (list == nullptr) continue;
      std::vector<std::string> parts = tree::strings(tree::field(*list, "items"));
      if (parts.size() != 1) continue;
      // A DROP's names carry no location: the finding points at the statement.
      out.report(-1,
                 "table " + parts[0] +
                     " is not schema-qualified: it resolves through "
                     "search_path",
                 kHelp + parts[0]);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_table_schema() { return std::make_unique<RequireTableSchema>(); }

}  // namespace sg
