// `schemagate check` with [[tracks]]: a core schema and two sponsor extensions (seed 000) in one
// real git repository, round-tripped on the embedded PostgreSQL.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;

constexpr const char* kConfig = R"([[tracks]]
name = "core"
path = "db/core"

[[tracks]]
name = "sponsor_a"
path = "db/sponsor_a"
requires = "core >= 2"

[[tracks]]
name = "sponsor_b"
path = "db/sponsor_b"
requires = "core >= 1"
tracking_table = "sponsor_b_schema_metadata"
)";

void migration(const GitFixture& repo, const std::string& dir, const std::string& number,
               const std::string& name, const std::string& up, const std::string& down) {
  repo.write(dir + "/" + number + "_" + name + ".sql", up);
  repo.write(dir + "/rollback/" + number + "_rollback.sql", down);
}

// main: core 001 (patients) and 002 (visits); each sponsor has its own 001. Both sponsors
// number from 001, as seed 000 says: versions count within a track.
void make_main(const GitFixture& repo, const std::string& config) {
  repo.write(".schemagate.toml", config);
  migration(repo, "db/core", "001", "patients", "CREATE TABLE patients (id bigint PRIMARY KEY);\n",
            "DROP TABLE patients;\n");
  migration(repo, "db/core", "002", "visits",
            "CREATE TABLE visits (id bigint PRIMARY KEY, patient_id bigint NOT NULL);\n",
            "DROP TABLE visits;\n");
  migration(repo, "db/sponsor_a", "001", "edc_sync",
            "CREATE TABLE edc_sync (patient_id bigint PRIMARY KEY);\n", "DROP TABLE edc_sync;\n");
  migration(repo, "db/sponsor_b", "001", "report_settings",
            "CREATE TABLE report_settings (name text PRIMARY KEY);\n",
            "DROP TABLE report_settings;\n");
  repo.commit("core 002, sponsors 001");
}

// sponsor_a requires core 2 and reads visits: met. sponsor_b requires core 1 only, but reads
// visits, which core 002 adds: on core at version 1 it fails.
void add_sponsor_a_view(const GitFixture& repo) {
  migration(repo, "db/sponsor_a", "002", "visit_feed",
            "-- the EDC feed reads core's visits\n"
            "CREATE VIEW edc_visit_feed AS SELECT id, patient_id FROM visits;\n",
            "DROP VIEW edc_visit_feed;\n");
}

void add_sponsor_b_view(const GitFixture& repo) {
  migration(repo, "db/sponsor_b", "002", "visit_report",
            "CREATE VIEW visit_report AS\n  SELECT patient_id, count(*) AS visits FROM visits\n"
            "  GROUP BY patient_id;\n",
            "DROP VIEW visit_report;\n");
}

TEST(CheckTracksCli, EachExtensionRunsOnTheCoreVersionItRequires) {
  GitFixture repo;
  make_main(repo, kConfig);
  repo.git({"checkout", "-q", "-b", "feature"});
  migration(repo, "db/core", "003", "sites", "CREATE TABLE sites (id bigint PRIMARY KEY);\n",
            "SET lock_timeout = '2s';\nDROP TABLE sites;\n");
  add_sponsor_a_view(repo);
  add_sponsor_b_view(repo);
  repo.commit("core 003, sponsor views");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err << r.out;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["findings"].size(), 1u) << j["findings"].dump(2);
  const auto& f = j["findings"][0];
  EXPECT_EQ(f["rule_id"], "migration-failed");
  EXPECT_EQ(f["severity"], "error");
  EXPECT_EQ(f["file"], "db/sponsor_b/002_visit_report.sql");
  EXPECT_EQ(f["line"], 2);
  EXPECT_EQ(f["column"], 46);
  EXPECT_EQ(f["message"],
            "sponsor_b: fails on core at version 1 (requires core >= 1): relation \"visits\" "
            "does not exist (SQLSTATE 42P01)");
  std::vector<std::string> trips;
  for (const auto& t : j["roundtrip"]) {
    trips.push_back(t["track"].get<std::string>() + " " + t["migration"].get<std::string>() + " " +
                    t["status"].get<std::string>());
  }
  EXPECT_EQ(trips, (std::vector<std::string>{"core 003_sites ok", "sponsor_a 002_visit_feed ok",
                                             "sponsor_b 002_visit_report failed"}));
  std::vector<std::string> migrations;
  for (const auto& m : j["migrations"]) {
    migrations.push_back(m["track"].get<std::string>() + " " + m["id"].get<std::string>() + " " +
                         m["change"].get<std::string>() + " " + m["risk"].get<std::string>());
  }
  EXPECT_EQ(migrations,
            (std::vector<std::string>{
                "core 001_patients unchanged LOW", "core 002_visits unchanged LOW",
                "core 003_sites added LOW", "sponsor_a 001_edc_sync unchanged LOW",
                "sponsor_a 002_visit_feed added LOW", "sponsor_b 001_report_settings unchanged LOW",
                "sponsor_b 002_visit_report added HIGH"}));
}

TEST(CheckTracksCli, AnExtensionWhoseCoreHasWhatItNeedsPasses) {
  GitFixture repo;
  make_main(repo, kConfig);
  repo.git({"checkout", "-q", "-b", "feature"});
  add_sponsor_a_view(repo);
  repo.commit("sponsor_a view");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  // Only sponsor_a has something new: one run, on core at 002, with core 001-002 and its own
  // 001 as history.
  EXPECT_EQ(r.out.rfind("track sponsor_a on core at version 2 (requires core >= 2):\n"
                        "roundtrip 002_visit_feed: ok (",
                        0),
            0u)
      << r.out;
  EXPECT_NE(r.out.find(" ms, history of 3 in "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("track core"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("track sponsor_b"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0 errors, 0 warnings in 2 files\n"), std::string::npos) << r.out;
  std::string base = repo.git({"rev-parse", "main"}).substr(0, 12);
  EXPECT_EQ(r.err, "note: track core: db/core (plain): 2 migrations; linted 0 against merge base " +
                       base +
                       "\nnote: track sponsor_a: db/sponsor_a (plain): 2 migrations, 1 added; "
                       "linted 1 against merge base " +
                       base +
                       "\nnote: track sponsor_b: db/sponsor_b (plain): 1 migration; linted 0 "
                       "against merge base " +
                       base + "\n");
}

TEST(CheckTracksCli, ARequiredVersionTheCoreDoesNotHaveIsAnError) {
  GitFixture repo;
  std::string config = kConfig;
  config.replace(config.find("core >= 2"), 9, "core >= 7");
  make_main(repo, config);
  auto r = run_schemagate({"check", "--no-db", "--all", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.err,
            "error: sponsor_a requires core >= 7, but track core has no migration with version 7 "
            "(its latest is 002)\n");
  EXPECT_EQ(r.out, "");
}

TEST(CheckTracksCli, ATrackPathWithoutMigrationsAndDirWithTracksAreErrors) {
  GitFixture repo;
  std::string config = kConfig;
  config.replace(config.find("db/sponsor_b"), 12, "db/sponsor_c");
  make_main(repo, config);
  auto r = run_schemagate({"check", "--no-db", "--all", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.err, "error: track sponsor_b: db/sponsor_c holds no migrations\n");
  auto dir = run_schemagate(
      {"check", "--no-db", "--base", "main", "--repo", repo.dir(), "--dir", "db/core"});
  EXPECT_EQ(dir.exit_code, 2) << dir.out;
  EXPECT_EQ(dir.err,
            "error: --dir and --layout cannot be combined with the [[tracks]] of "
            ".schemagate.toml at the merge base: each track names its path and layout\n");
}

}  // namespace
}  // namespace sg
