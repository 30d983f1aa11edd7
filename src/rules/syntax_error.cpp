// syntax-error: the file does not parse. The engine (lint/engine.cpp) raises it before any
// rule runs (a file without a tree has nothing to check).
#include "lint/rule.h"

namespace sg {

std::unique_ptr<Rule> make_syntax_error() { return std::make_unique<EngineRaisedRule>(); }

}  // namespace sg
