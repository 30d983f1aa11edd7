// unused-ignore: an ignore comment that matches no finding. The engine raises it while it applies
// ignore comments (src/lint/suppressions.cpp); this rule object exists so the id is registered,
// configurable and documented like every other.
#include "lint/rule.h"

namespace sg {
namespace {

class UnusedIgnore : public Rule {
 public:
  void check(const Statement&, const LintContext&, Emitter&) override {}
};

}  // namespace

std::unique_ptr<Rule> make_unused_ignore() { return std::make_unique<UnusedIgnore>(); }

}  // namespace sg
