// Every rule is four things (DESIGN.md): code, one line in rules.def, a doc page, fixtures.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "core/rule_info.h"
#include "lint/rule_docs.h"
#include "test_support.h"

namespace sg {
namespace {

namespace fs = std::filesystem;
const fs::path kRoot = SG_SOURCE_DIR;

TEST(Registry, EveryRuleHasCodeDocAndFixtures) {
  for (const auto& rule : all_rules()) {
    std::string id(rule.id);
    fs::path code = kRoot / "src/rules" / (std::string(rule.identifier) + ".cpp");
    fs::path doc = kRoot / "rules" / (id + ".md");
    fs::path fixtures = kRoot / "tests/fixtures/rules" / id;
    EXPECT_TRUE(fs::exists(code)) << "missing " << code;
    EXPECT_TRUE(fs::exists(doc)) << "missing " << doc;
    EXPECT_TRUE(fs::is_directory(fixtures)) << "missing " << fixtures;
  }
}

TEST(Registry, IdsAreKebabCaseUniqueSortedAndMatchTheirIdentifier) {
  static const std::regex kKebab("^[a-z0-9]+(-[a-z0-9]+)*$");
  std::string previous;
  for (const auto& rule : all_rules()) {
    std::string id(rule.id);
    EXPECT_TRUE(std::regex_match(id, kKebab)) << id;
    EXPECT_LT(previous, id) << "rules.def is not sorted or has a duplicate at " << id;
    std::string expected_identifier = id;
    std::replace(expected_identifier.begin(), expected_identifier.end(), '-', '_');
    EXPECT_EQ(rule.identifier, expected_identifier);
    previous = id;
  }
}

TEST(Registry, EveryFixtureFolderHasAPositiveAndACleanCase) {
  static const std::regex kExpect(R"((--|//)\s*expect:)");
  for (const auto& rule : all_rules()) {
    fs::path dir = kRoot / "tests/fixtures/rules" / std::string(rule.id);
    if (!fs::is_directory(dir)) continue;  // reported by the first test
    if (rule.kind != RuleKind::kStatement) {
      EXPECT_TRUE(fs::is_directory(dir / "positive")) << "missing " << dir / "positive";
      EXPECT_TRUE(fs::is_directory(dir / "clean")) << "missing " << dir / "clean";
      continue;
    }
    int positive = 0;
    int clean = 0;
    for (const auto& file : fs::directory_iterator(dir)) {
      if (file.path().extension() != ".sql" && file.path().extension() != ".js") continue;
      std::string text = test::read_file(file.path());
      (std::regex_search(text, kExpect) ? positive : clean)++;
    }
    EXPECT_GT(positive, 0) << dir << " has no fixture with an `-- expect:` annotation";
    EXPECT_GT(clean, 0) << dir << " has no clean fixture (no annotation)";
  }
}

TEST(Registry, EveryDocPageBelongsToARuleAndHasTheRequiredSections) {
  for (const auto& doc : rule_docs()) {
    EXPECT_NE(find_rule(doc.id), nullptr) << "rules/" << doc.id << ".md documents no rule";
    std::string text(doc.markdown);
    for (const char* section : {"## Problem", "## Solution", "## Options", "## Suppressing"}) {
      EXPECT_NE(text.find(section), std::string::npos)
          << "rules/" << doc.id << ".md has no '" << section << "' section";
    }
  }
}

TEST(Registry, UnknownIdSuggestsTheClosest) {
  EXPECT_EQ(unknown_rule_message("ban-drop-colum"),
            "unknown rule id 'ban-drop-colum'; did you mean 'ban-drop-column'?");
  EXPECT_EQ(unknown_rule_message("nothing-like-it-at-all"),
            "unknown rule id 'nothing-like-it-at-all'");
}

}  // namespace
}  // namespace sg
