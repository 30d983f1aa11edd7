// syntax-error: the file does not parse. The engine raises it before any rule runs (a file
// without a tree has nothing to check); this rule object exists so the id is registered,
// configurable and documented like every other.
#include "rules/syntax_error.h"

#include "lint/rule.h"

namespace sg {
namespace {

class SyntaxErrorRule : public Rule {
 public:
  void check(const Statement&, const LintContext&, Emitter&) override {}
};

}  // namespace

Finding make_syntax_error_finding(const std::string& path, const std::string& message,
                                  Position position, Severity severity) {
  Finding f;
  f.rule_id = "syntax-error";
  f.severity = severity;
  f.risk = Risk::kHigh;
  f.file = path;
  f.line = position.line;
  f.column = position.column;
  f.message = message;
  f.help = "fix the SQL: schemagate reads it with PostgreSQL 15's own parser, and the other "
           "rules skip a file that does not parse";
  return f;
}

std::unique_ptr<Rule> make_syntax_error() { return std::make_unique<SyntaxErrorRule>(); }

}  // namespace sg
