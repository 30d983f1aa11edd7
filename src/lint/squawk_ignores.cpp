#include "lint/squawk_ignores.h"

#include <algorithm>
#include <cctype>

#include "core/rule_info.h"

namespace sg {
namespace {

// squawk's rule ids (squawk 2.x, https://squawkhq.com/docs/rules), with the schemagate rules
// each one means. prefer-big-int is squawk's older rule for both integer widths.
struct SquawkRule {
  std::string_view squawk_id;
  std::vector<std::string_view> ours;
};

const std::vector<SquawkRule>& squawk_rules() {
  static const std::vector<SquawkRule> rules = {
      {"adding-field-with-default", {"adding-field-with-default"}},
      {"adding-foreign-key-constraint", {"adding-foreign-key-constraint"}},
      {"adding-not-nullable-field", {"adding-not-nullable-field"}},
      {"adding-primary-key-constraint", {"adding-primary-key-constraint"}},
      {"adding-required-field", {"adding-required-field"}},
      {"adding-serial-primary-key-field", {"adding-serial-primary-key-field"}},
      {"ban-alter-domain-with-add-constraint", {"ban-alter-domain-with-add-constraint"}},
      {"ban-char-field", {"ban-char-field"}},
      {"ban-concurrent-index-creation-in-transaction",
       {"ban-concurrent-index-creation-in-transaction"}},
      {"ban-create-domain-with-constraint", {"ban-create-domain-with-constraint"}},
      {"ban-drop-column", {"ban-drop-column"}},
      {"ban-drop-database", {"ban-drop-database"}},
      {"ban-drop-not-null", {"ban-drop-not-null"}},
      {"ban-drop-table", {"ban-drop-table"}},
      {"ban-truncate-cascade", {"ban-truncate-cascade"}},
      {"ban-uncommitted-transaction", {"ban-uncommitted-transaction"}},
      {"changing-column-type", {"changing-column-type"}},
      {"constraint-missing-not-valid", {"constraint-missing-not-valid"}},
      {"disallowed-unique-constraint", {"disallowed-unique-constraint"}},
      {"prefer-big-int", {"prefer-bigint-over-int", "prefer-bigint-over-smallint"}},
      {"prefer-bigint-over-int", {"prefer-bigint-over-int"}},
      {"prefer-bigint-over-smallint", {"prefer-bigint-over-smallint"}},
      {"prefer-identity", {"prefer-identity"}},
      {"prefer-robust-stmts", {"prefer-robust-stmts"}},
      {"prefer-text-field", {"prefer-text-field"}},
      {"prefer-timestamptz", {"prefer-timestamptz"}},
      {"renaming-column", {"renaming-column"}},
      {"renaming-table", {"renaming-table"}},
      {"require-concurrent-index-creation", {"require-concurrent-index-creation"}},
      {"require-concurrent-index-deletion", {"require-concurrent-index-deletion"}},
      {"require-enum-value-ordering", {"require-enum-value-ordering"}},
      {"require-timeout-settings", {"require-timeout-settings"}},
      {"transaction-nesting", {"transaction-nesting"}},
  };
  return rules;
}

// The schemagate rules `squawk_id` means that exist here.
void add_ours(std::string_view squawk_id, std::vector<std::string>& out) {
  for (const auto& rule : squawk_rules()) {
    if (squawk_id != rule.squawk_id) continue;
    for (auto id : rule.ours) {
      if (find_rule(std::string(id)) != nullptr &&
          std::find(out.begin(), out.end(), id) == out.end()) {
        out.emplace_back(id);
      }
    }
  }
}

bool starts_with_word(std::string_view text, std::string_view word) {
  return text.size() >= word.size() && text.compare(0, word.size(), word) == 0 &&
         (text.size() == word.size() || text[word.size()] == ' ' || text[word.size()] == '\t');
}

}  // namespace

std::optional<SquawkIgnore> parse_squawk_ignore(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view rest = lowered;
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  SquawkIgnore out;
  if (starts_with_word(rest, "squawk-ignore-file")) {
    out.file_wide = true;
    rest.remove_prefix(std::string_view("squawk-ignore-file").size());
  } else if (starts_with_word(rest, "squawk-ignore")) {
    rest.remove_prefix(std::string_view("squawk-ignore").size());
  } else {
    return std::nullopt;
  }
  rest = rest.substr(0, rest.find("--"));
  bool named = false;
  size_t i = 0;
  while (i < rest.size()) {
    while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t' || rest[i] == ',')) ++i;
    size_t start = i;
    while (i < rest.size() && rest[i] != ' ' && rest[i] != '\t' && rest[i] != ',') ++i;
    if (i == start) continue;
    named = true;
    add_ours(rest.substr(start, i - start), out.rule_ids);
  }
  if (!named) {
    for (const auto& rule : squawk_rules()) add_ours(rule.squawk_id, out.rule_ids);
  }
  return out;
}

}  // namespace sg
