// nesting-too-deep: a statement's tree nests past kMaxNesting (generated SQL: a 25,000-term
// sum, a 50,000-way UNION). The engine (lint/engine.cpp) raises it and gives the statement to
// no rule.
#include "lint/rule.h"

namespace sg {

std::unique_ptr<Rule> make_nesting_too_deep() { return std::make_unique<EngineRaisedRule>(); }

}  // namespace sg
