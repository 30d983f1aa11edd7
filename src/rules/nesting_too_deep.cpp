// nesting-too-deep: a statement's tree nests past kMaxNesting (generated SQL: a 25,000-term
// sum, a 50,000-way UNION). The engine (lint/engine.cpp) raises it and gives the statement to
// no rule; this rule object exists so the id is registered, configurable and documented.
#include "lint/rule.h"

namespace sg {
namespace {

class NestingTooDeepRule : public Rule {
 public:
  void check(const Statement&, const LintContext&, Emitter&) override {}
};

}  // namespace

std::unique_ptr<Rule> make_nesting_too_deep() { return std::make_unique<NestingTooDeepRule>(); }

}  // namespace sg
