// prefer-text-field: changing a varchar(n) limit later takes an ACCESS EXCLUSIVE lock on the
// table; a CHECK constraint on a text column can be replaced without one.
#include "lint/rule.h"
#include "sql/tree.h"
#include "sql/typed_columns.h"

namespace sg {
namespace {

class PreferTextField : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    for (const auto& col : typed_columns(stmt)) {
      if (!is_builtin_type(*col.type, "varchar")) continue;
      std::vector<long> mods = tree::type_mods(*col.type);
      if (mods.empty()) continue;  // varchar without a length is text under another name
      std::string limit = std::to_string(mods.front());
      out.report(col.location,
                 "column " + col.table + "." + col.column + " is varchar(" + limit +
                     "): changing its length later locks the table (ACCESS EXCLUSIVE)",
                 "use text with CHECK (char_length(" + col.column + ") <= " + limit +
                     "); a CHECK can be replaced NOT VALID, then validated without blocking");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_text_field() { return std::make_unique<PreferTextField>(); }

}  // namespace sg
