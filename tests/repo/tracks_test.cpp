// Track requirements: parsing `requires` and deciding whether a target's core satisfies it.
#include "layouts/tracks.h"

#include <gtest/gtest.h>

namespace sg {
namespace {

TrackRequirement requirement(const std::string& text) {
  auto parsed = parse_requirement("sponsor_a", text);
  EXPECT_TRUE(parsed) << parsed.error;
  return parsed.value.value_or(TrackRequirement{});
}

TEST(TrackRequirement, AtLeastIsMetByTheRequiredVersionOrALaterOne) {
  EXPECT_EQ(unmet_requirement(requirement("core >= 12"), {"001", "011", "012"}), std::nullopt);
  EXPECT_EQ(unmet_requirement(requirement("core >= 12"), {"013", "001"}), std::nullopt);
  EXPECT_EQ(unmet_requirement(requirement("core >= 12"), {"010", "011"}),
            "sponsor_a requires core >= 12; the target has core at 011");
}

TEST(TrackRequirement, VersionsCompareAsTheToolsOrderThem) {
  // "9" < "10" numerically; a string comparison would call 9 the newer one.
  EXPECT_EQ(unmet_requirement(requirement("core >= 9"), {"10"}), std::nullopt);
  EXPECT_EQ(unmet_requirement(requirement("core >= 1.10"), {"1.9"}),
            "sponsor_a requires core >= 1.10; the target has core at 1.9");
}

TEST(TrackRequirement, ExactlyWantsTheTargetAtThatVersion) {
  EXPECT_EQ(unmet_requirement(requirement("core = 12"), {"011", "012"}), std::nullopt);
  EXPECT_EQ(unmet_requirement(requirement("core = 12"), {"012", "013"}),
            "sponsor_a requires core = 12; the target has core at 013");
}

TEST(TrackRequirement, ATargetWithoutCoreMigrationsSaysSo) {
  EXPECT_EQ(unmet_requirement(requirement("core >= 1"), {}),
            "sponsor_a requires core >= 1; the target has no core migration applied");
}

TEST(TrackRequirement, ParsingAcceptsSpacesAndRejectsOtherOperators) {
  EXPECT_EQ(requirement("  core>=12 ").text(), "core >= 12");
  EXPECT_EQ(requirement("core = 2024.01").text(), "core = 2024.01");
  EXPECT_EQ(parse_requirement("x", "core <= 12").error,
            "unsupported operator \"<=\" in \"core <= 12\": use >= or =");
  EXPECT_EQ(parse_requirement("x", "core >= 12 13").error,
            "expected \"TRACK >= VERSION\" or \"TRACK = VERSION\", got \"core >= 12 13\"");
  EXPECT_EQ(parse_requirement("x", ">= 12").error,
            "expected \"TRACK >= VERSION\" or \"TRACK = VERSION\", got \">= 12\"");
}

}  // namespace
}  // namespace sg
