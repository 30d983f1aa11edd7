// identifier-too-long: PostgreSQL cuts identifiers to 63 bytes with only a NOTICE, so the
// object gets another name than the migration says, and two long names can collide.
#include <set>

#include "lint/rule.h"
#include "sql/identifiers.h"

namespace sg {
namespace {

class IdentifierTooLong : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    const std::string& text = ctx.source().text();
    if (stmt.end <= stmt.begin || stmt.end > text.size()) return;
    std::string_view sql(text.data() + stmt.begin, stmt.end - stmt.begin);
    for (const auto& token : identifier_tokens(sql)) {
      if (token.name.size() <= kMaxIdentifierBytes) continue;
      // Once per file: every later use of the name is truncated the same way.
      if (!reported_.insert(token.name).second) continue;
      long file_offset = static_cast<long>(stmt.begin + token.offset);
      out.report(file_offset - stmt.location_offset,
                 "identifier \"" + token.name + "\" is " + std::to_string(token.name.size()) +
                     " bytes: PostgreSQL silently truncates it to \"" +
                     truncate_identifier(token.name) + "\"",
                 "shorten the name to at most 63 bytes");
    }
  }

 private:
  std::set<std::string> reported_;
};

}  // namespace

std::unique_ptr<Rule> make_identifier_too_long() { return std::make_unique<IdentifierTooLong>(); }

}  // namespace sg
