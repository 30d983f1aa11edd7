// syntax-error: the file does not parse. The engine (lint/engine.cpp) raises it before any
// rule runs (a file without a tree has nothing to check); this rule object exists so the id is
// registered, configurable and documented like every other.
#include "lint/rule.h"

namespace sg {
namespace {

class SyntaxErrorRule : public Rule {
 public:
  void check(const Statement&, const LintContext&, Emitter&) override {}
};

}  // namespace

std::unique_ptr<Rule> make_syntax_error() { return std::make_unique<SyntaxErrorRule>(); }

}  // namespace sg
