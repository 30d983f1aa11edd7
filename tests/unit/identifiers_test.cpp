#include "sql/identifiers.h"

#include <gtest/gtest.h>

namespace sg {
namespace {

TEST(IdentifierTokens, FindsPlainAndQuotedNamesWithTheirOffsets) {
  auto tokens = identifier_tokens(
      "CREATE TABLE s.\"Odd \"\"Name\"\"\" (Id int, \"name\" text); -- c_comment\n"
      "SELECT U&\"d\\0061t\" FROM t WHERE x = 'not_a_name';");
  std::vector<std::string> names;
  for (const auto& t : tokens) names.push_back(t.name + "@" + std::to_string(t.offset));
  // Keywords (int, text), U&"..." names, string constants and comments are not listed;
  // plain names come as written (the server downcases ASCII, which keeps the byte length).
  EXPECT_EQ(names, (std::vector<std::string>{"s@13", "Odd \"Name\"@15", "Id@31", "name@39", "t@90",
                                             "x@98"}));
}

TEST(IdentifierTokens, EmptyWhenTheTextDoesNotScan) {
  EXPECT_TRUE(identifier_tokens("SELECT 'unterminated").empty());
}

TEST(TruncateIdentifier, CutsAt63BytesWithoutSplittingACharacter) {
  EXPECT_EQ(truncate_identifier(std::string(63, 'a')), std::string(63, 'a'));
  EXPECT_EQ(truncate_identifier(std::string(70, 'a')), std::string(63, 'a'));
  // 62 ASCII bytes, then a two-byte "é" straddling the limit: PostgreSQL drops it whole.
  std::string straddling = std::string(62, 'a') + "\xC3\xA9" + "bc";
  EXPECT_EQ(truncate_identifier(straddling), std::string(62, 'a'));
  std::string fitting = std::string(61, 'a') + "\xC3\xA9" + "bc";
  EXPECT_EQ(truncate_identifier(fitting), std::string(61, 'a') + "\xC3\xA9");
}

TEST(QualifiedName, JoinsTheNamePartsWithDots) {
  auto names =
      nlohmann::json::parse(R"([{"String": {"sval": "billing"}}, {"String": {"sval": "status"}}])");
  EXPECT_EQ(qualified_name(&names), "billing.status");
  EXPECT_EQ(qualified_name(nullptr), "");
}

}  // namespace
}  // namespace sg
