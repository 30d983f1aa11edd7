// Identifiers as written in the source. libpg_query's tree cannot serve here: its scanner
// already truncates names to 63 bytes, exactly as the server does, so only the tokens show
// what the author wrote.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace sg {

// PostgreSQL's NAMEDATALEN - 1: longer identifiers are truncated with only a NOTICE.
constexpr size_t kMaxIdentifierBytes = 63;

struct IdentifierToken {
  std::string name;   // as PostgreSQL reads it: quotes removed, "" unescaped
  size_t offset = 0;  // of the token in the scanned text
};

// The identifier tokens of `sql`: plain and double-quoted names (not keywords, not U&"...").
// Empty when the text does not scan.
std::vector<IdentifierToken> identifier_tokens(std::string_view sql);

// `name` cut to 63 bytes the way PostgreSQL does it: never in the middle of a UTF-8 character.
std::string truncate_identifier(std::string_view name);

// A qualified name list as written: [{"String": {"sval": "s"}}, {"String": ...}] -> "s.t".
std::string qualified_name(const nlohmann::json* names);

}  // namespace sg
