// prefer-timestamptz: timestamp without time zone stores wall-clock values with no zone, so
// the same column means different instants to servers and clients in different zones.
#include "lint/rule.h"
#include "sql/tree.h"
#include "sql/typed_columns.h"

namespace sg {
namespace {

class PreferTimestamptz : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    for (const auto& col : typed_columns(stmt)) {
      if (!is_builtin_type(*col.type, "timestamp")) continue;
      out.report(col.location,
                 "column " + col.table + "." + col.column +
                     " is timestamp without time zone: its values carry no time zone",
                 "use timestamptz (timestamp with time zone)");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_timestamptz() { return std::make_unique<PreferTimestamptz>(); }

}  // namespace sg
