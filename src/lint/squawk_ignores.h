// squawk's ignore comments, honoured for the rules schemagate shares with squawk (same id, same
// meaning: RULES.md), so a team switching from squawk keeps the exceptions it reviewed.
// `-- squawk-ignore <rule>[, <rule> ...]` covers the statement below it; `-- squawk-ignore-file
// [<rule> ...]` the whole file, every rule when it names none. Rules are separated by commas or
// spaces, matched case-insensitively, and text after a further `--` is a remark. squawk asks for
// no reason, so none is required here; ids of squawk rules schemagate does not have are ignored
// (they are for squawk), and an unused squawk ignore is never `unused-ignore`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sg {

struct SquawkIgnore {
  bool file_wide = false;
  std::vector<std::string> rule_ids;  // schemagate's ids it covers (all shared ones for none)
};

// `text` is a line comment's text after its `--`; nullopt when it is no squawk ignore.
std::optional<SquawkIgnore> parse_squawk_ignore(std::string_view text);

}  // namespace sg
