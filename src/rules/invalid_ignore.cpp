// invalid-ignore: a malformed ignore comment: no reason, an unknown rule id, or a bad form. The
// engine raises it while it applies ignore comments (src/lint/suppressions.cpp); this rule object
// exists so the id is registered, configurable and documented like every other.
#include "lint/rule.h"

namespace sg {
namespace {

class InvalidIgnore : public Rule {
 public:
  void check(const Statement&, const LintContext&, Emitter&) override {}
  // A team may demand more than a word ("ok") before a risk counts as accepted.
  nlohmann::json default_options() const override { return {{"min_reason_length", 1}}; }
};

}  // namespace

std::unique_ptr<Rule> make_invalid_ignore() { return std::make_unique<InvalidIgnore>(); }

}  // namespace sg
