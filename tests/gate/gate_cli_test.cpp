// `schemagate gate` against real targets on the shared embedded server, each in its own
// database: the exact reason lines when it blocks, the plan when it passes, and that it only
// ever reads.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "target_support.h"
#include "test_support.h"

namespace sg {
namespace {

using test::run_schemagate;
using test::TargetDb;
using test::TempDir;
using test::kAppliedThrough002;
using test::kSchemaMetadata;
using test::write_plain_repo;

// Most tests are about one check: the round-trip record and approval checks, on by default,
// are turned off unless `strict`.
test::CommandResult gate(const TargetDb& target, const TempDir& repo,
                         const std::vector<std::string>& extra = {},
                         const std::string& user = "postgres", bool strict = false) {
  std::vector<std::string> args{"gate", "--database-url", target.url(user), "--repo",
                                repo.path().string()};
  if (!strict) args.insert(args.end(), {"--no-roundtrip-record", "--no-approvals"});
  args.insert(args.end(), extra.begin(), extra.end());
  return run_schemagate(args);
}

TEST(GateCli, DirtyGolangMigrateTargetBlocks) {
  TargetDb target("gate_dirty");
  ASSERT_EQ(target.error(), "");
  // golang-migrate's own table: the last version run, and whether it stopped half way.
  target.exec(
      "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT "
      "NULL); INSERT INTO schema_migrations VALUES (2, true);");
  TempDir repo;
  repo.write("db/1_init.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("db/1_init.down.sql", "DROP TABLE users;\n");
  repo.write("db/2_add_email.up.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  repo.write("db/2_add_email.down.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.write("db/3_add_name.up.sql", "ALTER TABLE users ADD COLUMN name text;\n");
  repo.write("db/3_add_name.down.sql", "ALTER TABLE users DROP COLUMN name;\n");
  auto r = gate(target, repo, {"--no-drift"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out,
            "blocked: schema_migrations: migration 2 (db/2_add_email.up.sql) is dirty; repair the "
            "target before deploying\n");
  EXPECT_NE(r.err.find("note: golang-migrate records no checksum in schema_migrations: cannot "
                       "tell whether an applied migration's file changed since it was applied\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("note: drift not checked (--no-drift)\n"), std::string::npos) << r.err;
}

TEST(GateCli, FlywayChecksumMismatchBlocks) {
  TargetDb target("gate_flyway");
  ASSERT_EQ(target.error(), "");
  target.exec(
      "CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50),"
      " description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT"
      " NULL, checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL"
      " DEFAULT now(), execution_time int NOT NULL, success boolean NOT NULL);\n"
      "INSERT INTO flyway_schema_history VALUES"
      " (1, '1', '<< Flyway Schema Creation >>', 'SCHEMA', '\"public\"', NULL, 'flyway', "
      "'2025-01-01 10:00:00', 0, true),"
      " (2, '1', 'init', 'SQL', 'V1__init.sql', 1812668543, 'flyway', '2025-01-02 10:00:00', 5, "
      "true),"
      " (3, '2', 'add email', 'SQL', 'V2__add_email.sql', 12345, 'flyway', '2025-01-03 10:00:00',"
      " 5, true);");
  TempDir repo;
  repo.write("db/migration/V1__init.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("db/migration/V2__add_email.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  auto r = gate(target, repo, {"--no-drift"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out,
            "blocked: migration 2 (db/migration/V2__add_email.sql) was edited after it was "
            "applied: recorded checksum 12345, the file's is -596222700\n");
  EXPECT_EQ(r.err.find("checksum"), std::string::npos) << r.err;
}

TEST(GateCli, PendingBeforeAppliedAndMissingFileBlock) {
  TargetDb target("gate_order");
  ASSERT_EQ(target.error(), "");
  target.exec(std::string(kSchemaMetadata) +
              "INSERT INTO schema_metadata VALUES ('001', 'Initial', '2025-01-02 10:00:00+00'),"
              " ('003', 'Index', '2025-01-03 10:00:00+00'), ('004', 'Hotfix', "
              "'2025-01-04 10:00:00+00');");
  TempDir repo;
  write_plain_repo(repo);
  auto r = gate(target, repo, {"--dir", "migrations", "--no-drift"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out,
            "blocked: migration 004 is applied on the target (schema_metadata) but its file is "
            "not in the repository\n"
            "blocked: pending migration 002 (migrations/002_add_email.sql) sorts before applied "
            "003 (migrations/003_add_index.sql): plain would skip it or refuse to run\n");
}

// A pending migration that is a link to a file outside the checkout is refused before anything
// reads it: neither deployed nor echoed into an error message.
TEST(GateCli, PendingMigrationLinkedOutsideTheRepositoryIsRefused) {
  TargetDb target("gate_symlink");
  ASSERT_EQ(target.error(), "");
  target.exec(kAppliedThrough002);
  TempDir repo;
  write_plain_repo(repo);
  TempDir outside;
  outside.write("secret.sql", "SELECT 'the secret';\n");
  std::filesystem::remove(repo.path() / "migrations/003_add_index.sql");
  std::filesystem::create_symlink(outside.path() / "secret.sql",
                                  repo.path() / "migrations/003_add_index.sql");
  auto r = gate(target, repo, {"--dir", "migrations", "--no-drift"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "error: " + repo.path().string() +
                       "/migrations/003_add_index.sql: a symbolic link that leaves the "
                       "repository; refusing to read it\n");
  EXPECT_EQ(r.err.find("the secret"), std::string::npos);

  // A link that stays inside the checkout is an ordinary file of it.
  std::filesystem::remove(repo.path() / "migrations/003_add_index.sql");
  repo.write("shared/index.sql", "CREATE INDEX users_email ON users (email);\n");
  std::filesystem::create_symlink(repo.path() / "shared/index.sql",
                                  repo.path() / "migrations/003_add_index.sql");
  auto inside = gate(target, repo, {"--dir", "migrations", "--no-drift"});
  EXPECT_EQ(inside.exit_code, 0) << inside.out << inside.err;
}

TEST(GateCli, PrismaMigrationThatNeverFinishedBlocks) {
  TargetDb target("gate_prisma");
  ASSERT_EQ(target.error(), "");
  target.exec(
      "CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT "
      "NULL, finished_at timestamptz, migration_name varchar(255) NOT NULL, logs text, "
      "rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(), "
      "applied_steps_count int NOT NULL DEFAULT 0);\n"
      "INSERT INTO _prisma_migrations VALUES ('b', '0000', NULL, '20250103100000_add_email', "
      "'error', NULL, '2025-01-03 10:00:00+00', 0);");
  TempDir repo;
  repo.write("prisma/migrations/20250103100000_add_email/migration.sql",
             "ALTER TABLE users ADD COLUMN email text;\n");
  auto r = gate(target, repo);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out,
            "blocked: _prisma_migrations: migration 20250103100000_add_email "
            "(prisma/migrations/20250103100000_add_email/migration.sql) failed: started at "
            "2025-01-03 10:00:00+00, never finished; repair the target before deploying\n");
}

// A role that may only read the tracking table: status and gate work, and the target has
// exactly the relations it had before.
TEST(GateCli, ReadOnlyRoleSeesThePlanAndCreatesNothing) {
  TargetDb target("gate_readonly");
  ASSERT_EQ(target.error(), "");
  target.exec(std::string(kAppliedThrough002) +
              "DROP ROLE IF EXISTS sg_gate_reader; CREATE ROLE sg_gate_reader LOGIN;\n"
              "GRANT SELECT ON schema_metadata TO sg_gate_reader;");
  const std::string kRelations =
      "SELECT string_agg(oid::text || ':' || relname, ',' ORDER BY oid) FROM pg_class";
  auto before = target.column(kRelations);
  TempDir repo;
  write_plain_repo(repo);
  auto status = run_schemagate({"status", "--database-url", target.url("sg_gate_reader"),
                                "--repo", repo.path().string()});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_EQ(status.out.substr(0, status.out.find('\n')),
            "schema_metadata (plain): 2 applied, 1 pending");
  auto r = gate(target, repo, {"--environment", "production"}, "sg_gate_reader");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find("   checklist:")),
            "deployment plan for production: 1 pending migration on schema_metadata (plain)\n"
            "\n"
            "1. 003  migrations/003_add_index.sql  risk MEDIUM (creates an index on users "
            "without CONCURRENTLY; require-concurrent-index-creation at line 1)\n"
            "   transaction: statement by statement (autocommit; the file's own BEGIN/COMMIT "
            "apply)\n"
            "   locks: SHARE on users (line 1)\n"
            "   rollback: migrations/rollback/003_rollback.sql\n"
            "   approvals: Engineering Manager\n");
  EXPECT_NE(r.out.find("     [x] Rollback file created: migrations/rollback/003_rollback.sql\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("     [ ] Database backup created and verified\n"), std::string::npos)
      << r.out;
  EXPECT_EQ(target.column(kRelations), before);
  EXPECT_EQ(target.column("SELECT count(*) FROM schema_metadata"), std::vector<std::string>{"2"});
}

TEST(GateCli, PlanAsJsonAndAuditRecordWithEnvironment) {
  TargetDb target("gate_audit");
  ASSERT_EQ(target.error(), "");
  target.exec(std::string(kSchemaMetadata) +
              "CREATE TABLE users (id bigint PRIMARY KEY);\n"
              "INSERT INTO schema_metadata VALUES ('001', 'Initial', '2025-01-02 10:00:00+00');");
  TempDir repo;
  write_plain_repo(repo);
  std::string log = (repo.path() / "audit.jsonl").string();
  auto r = gate(target, repo,
                {"--dir", "migrations", "--environment", "staging", "--format", "json",
                 "--audit-log", log});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["verdict"], "pass");
  EXPECT_EQ(json["environment"], "staging");
  ASSERT_EQ(json["plan"].size(), 2u);
  EXPECT_EQ(json["plan"][0]["file"], "migrations/002_add_email.sql");
  EXPECT_EQ(json["plan"][0]["rollback_file"], "migrations/rollback/002_rollback.sql");
  EXPECT_EQ(json["plan"][1]["file"], "migrations/003_add_index.sql");
  EXPECT_EQ(json["plan"][1]["locks"], nlohmann::json::array({"SHARE on users (line 1)"}));
  auto record = nlohmann::json::parse(test::read_file(log));
  EXPECT_EQ(record["action"], "gate");
  EXPECT_EQ(record["environment"], "staging");
  EXPECT_EQ(record["verdict"], "pass");
  EXPECT_EQ(record["database"], "target");
  ASSERT_EQ(record["migrations"].size(), 2u);
  EXPECT_EQ(record["migrations"][0]["file"], "migrations/002_add_email.sql");
  // sha256 of "ALTER TABLE users ADD COLUMN email text;\n" (sha256sum).
  EXPECT_EQ(record["migrations"][0]["up_sha256"],
            "315473a27c3413dbff149b4a3c0b90484b02dceb4ce8ba601f55ebeb0a39f6c4");
  // What the deploy went without is on the record.
  EXPECT_EQ(record["skipped_checks"], nlohmann::json({"roundtrip-record", "approvals"}));
  EXPECT_EQ(json["skipped_checks"], nlohmann::json({"roundtrip-record", "approvals"}));
}

// Nothing given, nothing proven: without the check's record and the approvals the pending
// migration's risk needs, the gate blocks and says where each comes from.
TEST(GateCli, WithoutRecordOrApprovalsTheGateBlocks) {
  TargetDb target("gate_fail_closed");
  ASSERT_EQ(target.error(), "");
  target.exec(kAppliedThrough002);
  TempDir repo;
  write_plain_repo(repo);
  auto r = gate(target, repo, {"--no-drift"}, "postgres", true);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out,
            "blocked: migrations/003_add_index.sql: no round-trip record for this content (up "
            "sha256 6ecf2476cd91)\n"
            "blocked: migrations/003_add_index.sql (MEDIUM) needs approval by Engineering "
            "Manager: not recorded\n");
  EXPECT_NE(r.err.find("note: no round-trip records given: pass the pull-request check's report "
                       "(--check-report) or audit log (--check-audit-log)\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("note: no approvals source: record them in an approvals file"),
            std::string::npos)
      << r.err;
}

// The drift replay runs the applied migrations as an ordinary role, as the check does: one that
// needs a superuser says which setting declares it, and passes once it is declared.
TEST(GateCli, DriftReplayNeedingASuperuserNamesTheSettingAndPassesWithIt) {
  TargetDb target("gate_superuser_extension");
  ASSERT_EQ(target.error(), "");
  target.exec(std::string(kSchemaMetadata) +
              "CREATE EXTENSION dblink;\nCREATE TABLE users (id bigint PRIMARY KEY);\n"
              "INSERT INTO schema_metadata VALUES ('001', 'Init', '2025-01-02 10:00:00+00');");
  TempDir repo;
  repo.write("migrations/001_init.sql",
             "CREATE EXTENSION IF NOT EXISTS dblink;\nCREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  auto r = gate(target, repo);
  EXPECT_EQ(r.exit_code, 1) << r.err << r.out;
  EXPECT_NE(r.out.find("drift: replaying migrations/001_init.sql failed at 1:1: permission denied "
                       "to create extension \"dblink\" (SQLSTATE 42501); the applied migrations "
                       "do not build a schema to compare with (the replay runs them as an "
                       "ordinary role: declare what needs a superuser in [roundtrip] setup or "
                       "superuser_extensions)"),
            std::string::npos)
      << r.out;
  repo.write(".schemagate.toml", "[roundtrip]\nsuperuser_extensions = [\"dblink\"]\n");
  auto declared = gate(target, repo, {"--config", (repo.path() / ".schemagate.toml").string()});
  EXPECT_EQ(declared.exit_code, 0) << declared.err << declared.out;
}

// A target changed by hand: the gate replays the applied migrations, compares, and names each
// object; the tracking table itself is not drift.
TEST(GateCli, DriftOnTheTargetBlocksAndIsNamed) {
  TargetDb target("gate_drift");
  ASSERT_EQ(target.error(), "");
  target.exec(std::string(kSchemaMetadata) +
              "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200));\n"
              "CREATE INDEX users_email_lower_idx ON users (lower(email));\n"
              "INSERT INTO schema_metadata VALUES ('001', 'Initial', '2025-01-02 10:00:00+00'),"
              " ('002', 'Email', '2025-01-03 10:00:00+00');");
  TempDir repo;
  write_plain_repo(repo);
  auto r = gate(target, repo);
  EXPECT_EQ(r.exit_code, 1) << r.err << r.out;
  EXPECT_NE(r.out.find("blocked: drift: index users_email_lower_idx exists on the target but in "
                       "no migration\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("blocked: drift: column users.email differs on the target: migrations give "
                       "`text"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("schema_metadata exists on the target"), std::string::npos) << r.out;

  auto skipped = gate(target, repo, {"--no-drift"});
  EXPECT_EQ(skipped.exit_code, 0) << skipped.err << skipped.out;
  EXPECT_NE(skipped.err.find("note: drift not checked (--no-drift)\n"), std::string::npos)
      << skipped.err;
}

// Approvals from the file named in config: the MEDIUM migration needs its Engineering Manager.
TEST(GateCli, ApprovalsFromAFileMissingThenPresent) {
  TargetDb target("gate_approvals");
  ASSERT_EQ(target.error(), "");
  target.exec(kAppliedThrough002);
  TempDir repo;
  write_plain_repo(repo);
  repo.write(".schemagate.toml", "[gate]\napprovals_file = \"approvals.toml\"\n");
  repo.write("approvals.toml", "");
  std::string config = (repo.path() / ".schemagate.toml").string();
  std::string approvals = (repo.path() / "approvals.toml").string();
  auto missing = gate(target, repo, {"--approvals-file", approvals, "--config", config,
                                     "--no-roundtrip-record"}, "postgres", true);
  EXPECT_EQ(missing.exit_code, 1) << missing.err << missing.out;
  EXPECT_NE(missing.out.find("blocked: migrations/003_add_index.sql (MEDIUM) needs approval by "
                             "Engineering Manager: not recorded\n"),
            std::string::npos)
      << missing.out;
  repo.write("approvals.toml",
             "[[approval]]\nfile = \"migrations/003_add_index.sql\"\nrole = \"Engineering "
             "Manager\"\nname = \"Erin\"\ndate = 2026-11-20\n");
  auto present = gate(target, repo, {"--approvals-file", approvals, "--config", config,
                                     "--no-roundtrip-record"}, "postgres", true);
  EXPECT_EQ(present.exit_code, 0) << present.err << present.out;
  EXPECT_NE(present.out.find("     [x] Technical review approval: approved by Erin (Engineering "
                             "Manager, " + approvals + ":"),
            std::string::npos)
      << present.out;
}

}  // namespace
}  // namespace sg
