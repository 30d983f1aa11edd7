// ban-char-field: char(n) pads every value with spaces to n, so it stores and compares
// differently from what the application wrote, and is never faster than text.
#include "lint/rule.h"
#include "sql/column_defs.h"

namespace sg {
namespace {

class BanCharField : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    for (const auto& site : column_sites(stmt)) {
      // Quoted "char" is the internal one-byte type, not char(n): builtin_type says "char".
      if (builtin_type(*site.type) != "bpchar") continue;
      out.report(
          site.location,
          "column " + qualified_column(site) + " is " + display_type(*site.type) +
              ": it pads values with trailing spaces, which comparisons and length() "
              "then ignore",
          "use text, with a CHECK constraint on length(" + site.column + ") if the length matters");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_ban_char_field() { return std::make_unique<BanCharField>(); }

}  // namespace sg
