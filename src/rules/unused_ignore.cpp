// unused-ignore: an ignore comment that matches no finding. The engine raises it while it applies
// ignore comments (src/lint/suppressions.cpp).
#include "lint/rule.h"

namespace sg {

std::unique_ptr<Rule> make_unused_ignore() { return std::make_unique<EngineRaisedRule>(); }

}  // namespace sg
