// require-version-record: seed 000's migrations record themselves in a tracking table, so the
// database says which migrations it has; the rollback removes the record it undoes.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

class RequireVersionRecord : public Rule {
 public:
  nlohmann::json default_options() const override { return {{"table", "schema_metadata"}}; }

  void check(const Statement& stmt, const LintContext& ctx, Emitter&) override {
    if (!first_statement_) first_statement_ = stmt.begin;
    if (stmt.in_function_body) return;
    const char* wanted = ctx.direction() == Direction::kUp ? "InsertStmt" : "DeleteStmt";
    if (stmt.kind != wanted) return;
    const auto* rel = tree::field(*stmt.node, "relation");
    if (rel != nullptr && names_tracking_table(*rel)) recorded_ = true;
  }

  void finish(const LintContext& ctx, Emitter& out) override {
    if (recorded_ || !first_statement_) return;
    std::string table = option("table").get<std::string>();
    bool up = ctx.direction() == Direction::kUp;
    out.report(static_cast<long>(*first_statement_),
               up ? "migration does not record its version: no INSERT INTO " + table
                  : "rollback does not remove its version record: no DELETE FROM " + table,
               up ? "end the migration with INSERT INTO " + table +
                        " (version, description, applied_at) VALUES ('NNN', '...', now());"
                  : "end the rollback with DELETE FROM " + table + " WHERE version = 'NNN';");
  }

 private:
  // "schema_metadata" matches any schema's table of that name; "ops.schema_metadata" only that.
  bool names_tracking_table(const nlohmann::json& rel) const {
    std::string table = option("table").get<std::string>();
    return table.find('.') == std::string::npos ? tree::text(rel, "relname") == table
                                                : tree::relation_name(rel) == table;
  }

  std::optional<size_t> first_statement_;
  bool recorded_ = false;
};

}  // namespace

std::unique_ptr<Rule> make_require_version_record() {
  return std::make_unique<RequireVersionRecord>();
}

}  // namespace sg
