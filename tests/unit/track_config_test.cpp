// [[tracks]] in .schemagate.toml: values, the errors a user sees verbatim, and the dump.
#include <gtest/gtest.h>

#include "config/config.h"

namespace sg {
namespace {

std::vector<std::string> errors_of(const std::string& toml) {
  ConfigResult r = parse_config(toml, ".schemagate.toml");
  EXPECT_EQ(r.config.has_value(), r.errors.empty());
  return r.errors;
}

constexpr const char* kTracks = R"([[tracks]]
name = "core"
path = "db/core/"

[[tracks]]
name = "sponsor_a"
path = "./db/sponsor_a"
layout = "plain"
requires = "core >= 12"
tracking_table = "sponsor_a_schema_metadata"

[[tracks]]
name = "sponsor-b"
path = "db/sponsor_b"
requires = "core=3"
tracking = "column"
)";

TEST(TrackConfig, EveryTrackSettingIsRead) {
  ConfigResult r = parse_config(kTracks, ".schemagate.toml");
  ASSERT_TRUE(r.config) << r.errors.front();
  const auto& tracks = r.config->tracks;
  ASSERT_EQ(tracks.size(), 3u);
  EXPECT_EQ(tracks[0].name, "core");
  EXPECT_EQ(tracks[0].path, "db/core");
  EXPECT_EQ(tracks[0].layout, "auto");
  EXPECT_FALSE(tracks[0].requirement);
  EXPECT_EQ(tracks[0].tracking, "column");
  EXPECT_EQ(tracks[1].path, "db/sponsor_a");
  EXPECT_EQ(tracks[1].layout, "plain");
  ASSERT_TRUE(tracks[1].requirement);
  EXPECT_EQ(tracks[1].requirement->track, "sponsor_a");
  EXPECT_EQ(tracks[1].requirement->required, "core");
  EXPECT_EQ(tracks[1].requirement->op, RequirementOp::kAtLeast);
  EXPECT_EQ(tracks[1].requirement->version, "12");
  EXPECT_EQ(tracks[1].tracking, "table");
  EXPECT_EQ(tracks[1].tracking_table, "sponsor_a_schema_metadata");
  ASSERT_TRUE(tracks[2].requirement);
  EXPECT_EQ(tracks[2].requirement->text(), "core = 3");
  EXPECT_EQ(tracks[2].tracking, "column");
}

TEST(TrackConfig, NoTracksMeansOneTrackAsBefore) {
  ConfigResult r = parse_config("pg_version = 14\n", ".schemagate.toml");
  ASSERT_TRUE(r.config);
  EXPECT_TRUE(r.config->tracks.empty());
  EXPECT_EQ(dump_config(*r.config).find("tracks"), std::string::npos);
}

TEST(TrackConfig, ABadOperatorOrShapeIsAnErrorNamingTheLine) {
  EXPECT_EQ(errors_of("[[tracks]]\nname = \"core\"\npath = \"db/core\"\n"
                      "[[tracks]]\nname = \"ext\"\npath = \"db/ext\"\nrequires = \"core > 12\"\n"),
            std::vector<std::string>{
                ".schemagate.toml:7:12: tracks[1].requires: unsupported operator \">\" in "
                "\"core > 12\": use >= or ="});
  EXPECT_EQ(errors_of("[[tracks]]\nname = \"ext\"\npath = \"db/ext\"\nrequires = \"core\"\n"),
            std::vector<std::string>{
                ".schemagate.toml:4:12: tracks[0].requires: expected \"TRACK >= VERSION\" or "
                "\"TRACK = VERSION\", got \"core\""});
  EXPECT_EQ(errors_of("[[tracks]]\nname = \"ext\"\npath = \"db/ext\"\nrequires = \"ext >= 1\"\n"),
            std::vector<std::string>{
                ".schemagate.toml:4:12: tracks[0].requires: a track cannot require itself"});
}

TEST(TrackConfig, UnknownKeysLayoutsAndTracksSuggestTheClosest) {
  EXPECT_EQ(errors_of("[[tracks]]\nname = \"core\"\npaht = \"db/core\"\n"),
            (std::vector<std::string>{
                ".schemagate.toml:1:1: tracks[0]: missing key \"path\"",
                ".schemagate.toml:3:1: tracks[0].paht: unknown key; did you mean 'path'?"}));
  EXPECT_EQ(errors_of("[[tracks]]\nname = \"core\"\npath = \"db/core\"\nlayout = \"plian\"\n"
                      "[[tracks]]\nname = \"ext\"\npath = \"db/ext\"\nrequires = \"cor >= 2\"\n"),
            (std::vector<std::string>{
                ".schemagate.toml:4:10: tracks[0].layout: unknown layout \"plian\"; did you mean "
                "'plain'?",
                ".schemagate.toml:8:12: tracks[1].requires: no track named \"cor\""}));
  EXPECT_EQ(errors_of("[[tracks]]\nname = \"core\"\npath = \"db/core\"\n"
                      "[[tracks]]\nname = \"ext\"\npath = \"db/ext\"\nrequires = \"cor >= 2\"\n"),
            std::vector<std::string>{".schemagate.toml:7:12: tracks[1].requires: no track named "
                                     "\"cor\"; did you mean 'core'?"});
  EXPECT_EQ(errors_of("tracks = \"core\"\n"),
            std::vector<std::string>{".schemagate.toml:1:10: tracks: expected an array of tables "
                                     "([[tracks]]), got \"core\""});
}

TEST(TrackConfig, MissingPathDuplicatesAndTrackingAreErrors) {
  EXPECT_EQ(errors_of("[[tracks]]\nname = \"core\"\n"),
            std::vector<std::string>{".schemagate.toml:1:1: tracks[0]: missing key \"path\""});
  EXPECT_EQ(errors_of("[[tracks]]\nname = \"core\"\npath = \"db\"\n"
                      "[[tracks]]\nname = \"core\"\npath = \"db/\"\n"),
            (std::vector<std::string>{
                ".schemagate.toml:5:8: tracks[1].name: track \"core\" is already defined on line "
                "2",
                ".schemagate.toml:6:8: tracks[1].path: \"db\" is already the path of track "
                "\"core\""}));
  EXPECT_EQ(errors_of("[[tracks]]\nname = \"core\"\npath = \"../db\"\ntracking = \"table\"\n"),
            (std::vector<std::string>{
                ".schemagate.toml:1:1: tracks[0]: tracking = \"table\" needs tracking_table",
                ".schemagate.toml:3:8: tracks[0].path: expected a directory inside the "
                "repository, got \"../db\""}));
  EXPECT_EQ(errors_of("[[tracks]]\nname = \"a\"\npath = \"a\"\ntracking = \"column\"\n"
                      "tracking_table = \"t\"\n"),
            std::vector<std::string>{
                ".schemagate.toml:5:18: tracks[0].tracking_table: needs tracking = \"table\" "
                "(\"column\" keeps the rows in the layout's own table)"});
}

TEST(TrackConfig, DumpWritesTracksThatReadBack) {
  ConfigResult r = parse_config(kTracks, "team.toml");
  ASSERT_TRUE(r.config) << r.errors.front();
  std::string dump = dump_config(*r.config);
  EXPECT_NE(dump.find("[[tracks]]\nlayout = 'plain'\nname = 'sponsor_a'\npath = 'db/sponsor_a'\n"
                      "requires = 'core >= 12'\ntracking = 'table'\n"
                      "tracking_table = 'sponsor_a_schema_metadata'\n"),
            std::string::npos)
      << dump;
  ConfigResult back = parse_config(dump, "dump.toml");
  ASSERT_TRUE(back.config) << back.errors.front();
  EXPECT_EQ(dump_config(*back.config).substr(dump.find('\n')), dump.substr(dump.find('\n')));
}

}  // namespace
}  // namespace sg
