// `status` and `gate` with [[tracks]] (seed 000: a core schema and sponsor extensions, each
// numbered on its own) against real targets: core and sponsor_a share schema_metadata through a
// `track` column, sponsor_b keeps a table of its own. sponsor_a needs core >= 2, sponsor_b core
// >= 3, and the target has core at 2.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "target_support.h"
#include "test_support.h"

namespace sg {
namespace {

using test::run_schemagate;
using test::TargetDb;
using test::TempDir;

// sponsor_a comes first in the file; core is still read, planned and replayed first.
const char kConfig[] = R"([[tracks]]
name = "sponsor_a"
path = "db/sponsor_a"
layout = "plain"
requires = "core >= 2"

[[tracks]]
name = "core"
path = "db/core"
layout = "plain"

[[tracks]]
name = "sponsor_b"
path = "db/sponsor_b"
layout = "plain"
requires = "core >= 3"
tracking = "table"
tracking_table = "sponsor_b_metadata"
)";

void write_tracks_repo(const TempDir& repo) {
  repo.write(".schemagate.toml", kConfig);
  repo.write("db/core/001_init.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("db/core/002_add_email.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  repo.write("db/core/003_visits.sql",
             "CREATE TABLE visits (id bigint PRIMARY KEY, user_id bigint REFERENCES users);\n");
  repo.write("db/sponsor_a/001_edc.sql",
             "CREATE TABLE edc_sync (user_id bigint PRIMARY KEY REFERENCES users);\n");
  repo.write("db/sponsor_a/002_edc_email.sql", "ALTER TABLE edc_sync ADD COLUMN email text;\n");
  repo.write("db/sponsor_b/001_visit_reports.sql",
             "CREATE TABLE visit_reports (visit_id bigint PRIMARY KEY REFERENCES visits);\n");
}

// Core at 2, sponsor_a at 1, sponsor_b never deployed: the objects and the tracking rows.
void build_target(const TargetDb& target) {
  target.exec(
      "CREATE TABLE schema_metadata (version text, track text, description text,"
      " applied_at timestamptz NOT NULL DEFAULT now(), UNIQUE (track, version));\n"
      "CREATE TABLE sponsor_b_metadata (version text PRIMARY KEY, description text,"
      " applied_at timestamptz NOT NULL DEFAULT now());\n"
      "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
      "CREATE TABLE edc_sync (user_id bigint PRIMARY KEY REFERENCES users);\n"
      "INSERT INTO schema_metadata VALUES"
      " ('001', 'core', 'Initial', '2025-01-02 10:00:00+00'),"
      " ('002', 'core', 'Email', '2025-01-03 10:00:00+00'),"
      " ('001', 'sponsor_a', 'EDC', '2025-01-04 10:00:00+00');");
}

test::CommandResult run(const std::string& command, const TargetDb& target, const TempDir& repo,
                        const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{command, "--database-url", target.url(), "--repo",
                                repo.path().string()};
  // These tests are about tracks; the record and approval checks have tests of their own.
  if (command == "gate") args.insert(args.end(), {"--no-roundtrip-record", "--no-approvals"});
  args.insert(args.end(), extra.begin(), extra.end());
  return run_schemagate(args);
}

TEST(TracksStatus, EachTrackFromItsOwnRows) {
  TargetDb target("tracks_status");
  ASSERT_EQ(target.error(), "");
  build_target(target);
  TempDir repo;
  write_tracks_repo(repo);
  auto r = run("status", target, repo);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "track core: schema_metadata where track = 'core' (plain): 2 applied, 1 pending\n"
            "applied  001  db/core/001_init.sql  (2025-01-02 10:00:00+00)\n"
            "applied  002  db/core/002_add_email.sql  (2025-01-03 10:00:00+00)\n"
            "pending  003  db/core/003_visits.sql\n"
            "\n"
            "track sponsor_a: schema_metadata where track = 'sponsor_a' (plain): 1 applied, 1 "
            "pending\n"
            "applied  001  db/sponsor_a/001_edc.sql  (2025-01-04 10:00:00+00)\n"
            "pending  002  db/sponsor_a/002_edc_email.sql\n"
            "requires core >= 2\n"
            "\n"
            "track sponsor_b: sponsor_b_metadata (plain): 0 applied, 1 pending\n"
            "pending  001  db/sponsor_b/001_visit_reports.sql\n"
            "requires core >= 3\n");

  auto json = run("status", target, repo, {"--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto tracks = nlohmann::json::parse(json.out).at("tracks");
  ASSERT_EQ(tracks.size(), 3u);
  EXPECT_EQ(tracks[0].at("track"), "core");
  EXPECT_EQ(tracks[0].at("rows_where"), "track = 'core'");
  EXPECT_TRUE(tracks[0].at("requires").is_null());
  EXPECT_EQ(tracks[2].at("tracking_table"), "sponsor_b_metadata");
  EXPECT_EQ(tracks[2].at("requires"), "core >= 3");
  EXPECT_EQ(tracks[2].at("migrations")[0].at("state"), "pending");
}

TEST(TracksGate, RefusesAnExtensionWhoseCoreVersionIsNotApplied) {
  TargetDb target("tracks_gate_unmet");
  ASSERT_EQ(target.error(), "");
  build_target(target);
  TempDir repo;
  write_tracks_repo(repo);
  auto r = run("gate", target, repo, {"--no-drift"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  // sponsor_a's requirement is met (core at 002 >= 2); core 003 pending in the same run does
  // not count for sponsor_b: it is not applied yet.
  EXPECT_EQ(r.out,
            "blocked: track sponsor_b: sponsor_b requires core >= 3; the target has core at 002; "
            "its 1 pending migration waits: deploy core first, then gate sponsor_b again\n");
  auto json = run("gate", target, repo, {"--no-drift", "--format", "json"});
  auto blockers = nlohmann::json::parse(json.out).at("blockers");
  ASSERT_EQ(blockers.size(), 1u);
  EXPECT_EQ(blockers[0].at("check"), "track-requirement");
  EXPECT_EQ(blockers[0].at("track"), "sponsor_b");

  // Deploying only what may go now passes, and says what it leaves out.
  auto some = run("gate", target, repo, {"--no-drift", "--track", "core", "--track",
                                         "sponsor_a"});
  EXPECT_EQ(some.exit_code, 0) << some.err << some.out;
  EXPECT_NE(some.out.find("deployment plan: 2 pending migrations on track core (schema_metadata "
                          "where track = 'core', plain), track sponsor_a (schema_metadata where "
                          "track = 'sponsor_a', plain)\n"),
            std::string::npos)
      << some.out;
  EXPECT_NE(some.out.find("\n1. core 003  db/core/003_visits.sql  risk "), std::string::npos)
      << some.out;
  EXPECT_NE(some.out.find("\n2. sponsor_a 002  db/sponsor_a/002_edc_email.sql  risk "),
            std::string::npos)
      << some.out;
  EXPECT_NE(some.err.find("note: track sponsor_b is not deployed by this run (--track)\n"),
            std::string::npos)
      << some.err;
}

// Once core 3 is on the target both extensions may go; the drift replay runs every track's
// applied migrations into one schema, so no track's tables are taken for drift.
TEST(TracksGate, RequirementMetPassesWithTheReplayAcrossTracks) {
  TargetDb target("tracks_gate_met");
  ASSERT_EQ(target.error(), "");
  build_target(target);
  target.exec(
      "CREATE TABLE visits (id bigint PRIMARY KEY, user_id bigint REFERENCES users);\n"
      "INSERT INTO schema_metadata VALUES ('003', 'core', 'Visits', '2025-01-05 10:00:00+00');");
  TempDir repo;
  write_tracks_repo(repo);
  std::string log = (repo.path() / "audit.jsonl").string();
  auto r = run("gate", target, repo, {"--audit-log", log, "--environment", "sponsor-b-prod"});
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("deployment plan for sponsor-b-prod: 2 pending migrations on track core "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\n1. sponsor_a 002  db/sponsor_a/002_edc_email.sql"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\n2. sponsor_b 001  db/sponsor_b/001_visit_reports.sql"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("drift"), std::string::npos) << r.out;
  auto record = nlohmann::json::parse(test::read_file(log));
  EXPECT_EQ(record.at("tracking_table"), "schema_metadata, sponsor_b_metadata");
  EXPECT_EQ(record.at("migrations")[1].at("track"), "sponsor_b");
  EXPECT_EQ(record.at("tracks")[2].at("tracking_table"), "sponsor_b_metadata");

  // A table made by hand is still drift, with tracks as without.
  target.exec("CREATE TABLE sponsor_scratch (id int);");
  auto drift = run("gate", target, repo);
  EXPECT_EQ(drift.exit_code, 1) << drift.err;
  EXPECT_EQ(drift.out, "blocked: drift: table sponsor_scratch exists on the target but in no "
                       "migration\n");
}

TEST(TracksGate, SharedTableWithoutTrackColumnIsAClearError) {
  TargetDb target("tracks_no_column");
  ASSERT_EQ(target.error(), "");
  target.exec(
      "CREATE TABLE schema_metadata (version text PRIMARY KEY, description text,"
      " applied_at timestamptz NOT NULL DEFAULT now());");
  TempDir repo;
  write_tracks_repo(repo);
  auto r = run("status", target, repo);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.err,
            "error: schema_metadata: column \"track\" does not exist (track core keeps its rows "
            "in schema_metadata with a column track; add it, or give the track a table: "
            "tracking = \"table\")\n");

  // A requirement on a core version the repository never had is a config mistake, not a wait.
  std::string config = kConfig;
  repo.write(".schemagate.toml", config.replace(config.find("core >= 3"), 9, "core >= 7"));
  auto never = run("gate", target, repo);
  EXPECT_EQ(never.exit_code, 2) << never.out;
  EXPECT_EQ(never.err,
            "error: sponsor_b requires core >= 7, but track core has no migration with version 7 "
            "(its latest is 003)\n");
  repo.write(".schemagate.toml", kConfig);

  auto unknown = run("gate", target, repo, {"--track", "sponsor_c"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("error: --track: no track named \"sponsor_c\" in "),
            std::string::npos)
      << unknown.err;
  EXPECT_NE(unknown.err.find("did you mean 'sponsor_a'?"), std::string::npos) << unknown.err;
}

TEST(TracksStatus, RowsWithoutATrackAreNamedInANote) {
  TargetDb target("tracks_null_rows");
  ASSERT_EQ(target.error(), "");
  build_target(target);
  target.exec("INSERT INTO schema_metadata (version, track) VALUES ('000', NULL);");
  TempDir repo;
  write_tracks_repo(repo);
  auto r = run("status", target, repo);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err,
            "note: schema_metadata: 1 row has no track (NULL); no track's status counts it\n");
}

}  // namespace
}  // namespace sg
