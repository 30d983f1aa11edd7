// `schemagate status` against real targets on the shared embedded server, each in its own
// database: what the user sees per migration, for each tracking table.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "target_support.h"
#include "test_support.h"

namespace sg {
namespace {

using test::run_schemagate;
using test::TargetDb;
using test::TempDir;
using test::kSchemaMetadata;
using test::write_plain_repo;

TEST(StatusCli, PlainLayoutListsAppliedAndPending) {
  TargetDb target("status_plain");
  ASSERT_EQ(target.error(), "");
  target.exec(std::string(kSchemaMetadata) +
              "INSERT INTO schema_metadata VALUES ('001', 'Initial schema', "
              "'2025-01-02 10:00:00+00'), ('002', 'Add email', '2025-01-03 10:00:00+00');");
  TempDir repo;
  write_plain_repo(repo);
  auto r = run_schemagate({"status", "--database-url", target.url(), "--repo",
                           repo.path().string(), "--dir", "migrations"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "schema_metadata (plain): 2 applied, 1 pending\n"
            "applied  001  migrations/001_init.sql  (2025-01-02 10:00:00+00)\n"
            "applied  002  migrations/002_add_email.sql  (2025-01-03 10:00:00+00)\n"
            "pending  003  migrations/003_add_index.sql\n");
}

TEST(StatusCli, AppliedButMissingFromTheRepository) {
  TargetDb target("status_missing");
  ASSERT_EQ(target.error(), "");
  target.exec(std::string(kSchemaMetadata) +
              "INSERT INTO schema_metadata VALUES ('001', 'Initial schema', "
              "'2025-01-02 10:00:00+00'), ('004', 'Hotfix', '2025-01-04 10:00:00+00');");
  TempDir repo;
  write_plain_repo(repo);
  auto r = run_schemagate({"status", "--database-url", target.url(), "--repo",
                           repo.path().string(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["tracking_table"], "schema_metadata");
  ASSERT_EQ(json["migrations"].size(), 4u);
  EXPECT_EQ(json["migrations"][1]["state"], "pending");
  EXPECT_EQ(json["migrations"][3]["state"], "missing");
  EXPECT_EQ(json["migrations"][3]["version"], "004");
  EXPECT_EQ(json["migrations"][3]["file"], nullptr);
  EXPECT_EQ(json["migrations"][3]["detail"], "no file in the repository");
}

TEST(StatusCli, MissingTrackingTableMeansNothingApplied) {
  TargetDb target("status_fresh");
  ASSERT_EQ(target.error(), "");
  TempDir repo;
  write_plain_repo(repo);
  auto r = run_schemagate({"status", "--database-url", target.url(), "--repo",
                           repo.path().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err,
            "note: schema_metadata does not exist on the target: plain never ran there, nothing "
            "is applied\n");
  EXPECT_EQ(r.out,
            "schema_metadata (plain): the table does not exist, so nothing is applied; 3 pending\n"
            "pending  001  migrations/001_init.sql\n"
            "pending  002  migrations/002_add_email.sql\n"
            "pending  003  migrations/003_add_index.sql\n");
}

TEST(StatusCli, FlywayChecksumMismatchNamesTheFile) {
  TargetDb target("status_flyway");
  ASSERT_EQ(target.error(), "");
  // Flyway's own table; V1's checksum is the file's (see checksum_test.cpp), V2's is not.
  target.exec(
      "CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50),"
      " description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT"
      " NULL, checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL"
      " DEFAULT now(), execution_time int NOT NULL, success boolean NOT NULL);\n"
      "INSERT INTO flyway_schema_history VALUES"
      " (1, '1', 'init', 'SQL', 'V1__init.sql', 1812668543, 'flyway', '2025-01-02 10:00:00', 5, "
      "true),"
      " (2, '2', 'add email', 'SQL', 'V2__add_email.sql', 12345, 'flyway', '2025-01-03 10:00:00',"
      " 5, true);");
  TempDir repo;
  repo.write("db/migration/V1__init.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("db/migration/V2__add_email.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  repo.write("db/migration/V3__add_name.sql", "ALTER TABLE users ADD COLUMN name text;\n");
  auto r = run_schemagate({"status", "--database-url", target.url(), "--repo",
                           repo.path().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "flyway_schema_history (flyway): 1 applied, 1 pending, 1 changed\n"
            "applied  1  db/migration/V1__init.sql  (2025-01-02 10:00:00)\n"
            "changed  2  db/migration/V2__add_email.sql  (recorded checksum 12345, the file's is "
            "-596222700)\n"
            "pending  3  db/migration/V3__add_name.sql\n");
}

TEST(StatusCli, PrismaRolledBackMigrationIsPendingAgain) {
  TargetDb target("status_prisma");
  ASSERT_EQ(target.error(), "");
  target.exec(
      "CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT "
      "NULL, finished_at timestamptz, migration_name varchar(255) NOT NULL, logs text, "
      "rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(), "
      "applied_steps_count int NOT NULL DEFAULT 0);\n"
      "INSERT INTO _prisma_migrations VALUES"
      " ('a', '3456c330330e5584db1ea42d855fe843569a61c7c200bd34b52f8f9c03b28f0d',"
      " '2025-01-02 10:00:01+00', '20250102100000_init', NULL, NULL, '2025-01-02 10:00:00+00', "
      "1),"
      " ('b', '0000', NULL, '20250103100000_add_email', 'error', '2025-01-03 11:00:00+00',"
      " '2025-01-03 10:00:00+00', 0);");
  TempDir repo;
  repo.write("prisma/migrations/20250102100000_init/migration.sql",
             "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("prisma/migrations/20250103100000_add_email/migration.sql",
             "ALTER TABLE users ADD COLUMN email text;\n");
  repo.write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
  auto r = run_schemagate({"status", "--database-url", target.url(), "--repo",
                           repo.path().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "_prisma_migrations (prisma): 1 applied, 1 pending\n"
            "applied  20250102100000_init  prisma/migrations/20250102100000_init/migration.sql  "
            "(2025-01-02 10:00:01+00)\n"
            "pending  20250103100000_add_email  "
            "prisma/migrations/20250103100000_add_email/migration.sql  (rolled back at "
            "2025-01-03 11:00:00+00)\n");
}

// sequelize-cli's SequelizeMeta: one row per applied file, by file name.
void write_sequelize_repo(const TempDir& repo) {
  repo.write("package.json", R"({ "dependencies": { "sequelize": "6.37.8" } })");
  for (const char* name : {"20250102100000-create-users.js", "20250103100000-add-email.js"}) {
    repo.write(std::string("db/migrations/") + name,
               "module.exports = {\n  async up(queryInterface) {},\n  async down(queryInterface) "
               "{},\n};\n");
  }
  repo.write(".sequelizerc",
             "const path = require('path');\nmodule.exports = {\n  'migrations-path': "
             "path.resolve('db', 'migrations'),\n};\n");
}

TEST(StatusCli, SequelizeMetaNamesEachAppliedFile) {
  TargetDb target("status_sequelize");
  ASSERT_EQ(target.error(), "");
  target.exec(
      "CREATE TABLE \"SequelizeMeta\" (name varchar(255) NOT NULL UNIQUE, PRIMARY KEY (name));\n"
      "INSERT INTO \"SequelizeMeta\" VALUES ('20250102100000-create-users.js');");
  TempDir repo;
  write_sequelize_repo(repo);
  auto r = run_schemagate({"status", "--database-url", target.url(), "--repo",
                           repo.path().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "SequelizeMeta (sequelize): 1 applied, 1 pending\n"
            "applied  20250102100000-create-users.js  "
            "db/migrations/20250102100000-create-users.js\n"
            "pending  20250103100000-add-email.js  db/migrations/20250103100000-add-email.js\n");

  // migrationStorageTableName / migrationStorageTableSchema: the table named with the flag.
  target.exec("CREATE SCHEMA meta; ALTER TABLE \"SequelizeMeta\" SET SCHEMA meta; "
              "ALTER TABLE meta.\"SequelizeMeta\" RENAME TO sequelize_migrations;"
              "INSERT INTO meta.sequelize_migrations VALUES ('20250103100000-add-email.js');");
  r = run_schemagate({"status", "--database-url", target.url(), "--repo", repo.path().string(),
                      "--tracking-table", "meta.sequelize_migrations"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "meta.sequelize_migrations (sequelize): 2 applied, 0 pending")
      << r.out;

  // ...or read from the project's own sequelize-cli config, NODE_ENV's section as sequelize-cli
  // picks it (`development` when unset, which keeps the default here).
  repo.write(".sequelizerc",
             "const path = require('path');\nmodule.exports = {\n  'migrations-path': "
             "path.resolve('db', 'migrations'),\n  config: path.resolve('db', 'config.json'),\n};\n");
  repo.write("db/config.json",
             R"({"development": {"dialect": "postgres"}, "production": {"dialect": "postgres", )"
             R"("migrationStorageTableName": "sequelize_migrations", )"
             R"("migrationStorageTableSchema": "meta"}})");
  r = test::run_program({"env", "NODE_ENV=production", SG_BINARY, "status", "--database-url",
                   target.url(), "--repo", repo.path().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "meta.sequelize_migrations (sequelize): 2 applied, 0 pending")
      << r.out;
  EXPECT_EQ(r.err, "note: tracking table meta.sequelize_migrations, as db/config.json "
                   "(production) names it\n");
  r = run_schemagate({"status", "--database-url", target.url(), "--repo", repo.path().string()});
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "SequelizeMeta (sequelize): the table does not exist, so nothing is applied; 2 pending")
      << r.out << r.err;

  // A .js config that computes the name: said, not guessed.
  repo.write(".sequelizerc",
             "const path = require('path');\nmodule.exports = {\n  'migrations-path': "
             "path.resolve('db', 'migrations'),\n  config: path.resolve('db', 'config.js'),\n};\n");
  repo.write("db/config.js", "module.exports = { production: { migrationStorageTableName: "
                             "process.env.META_TABLE } };\n");
  r = run_schemagate({"status", "--database-url", target.url(), "--repo", repo.path().string()});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.err, "error: db/config.js sets migrationStorageTableName or "
                   "migrationStorageTableSchema in code or per environment; pass the table with "
                   "--tracking-table\n");
}

TEST(StatusCli, RenamedTrackingTableFromFlagAndConfig) {
  TargetDb target("status_goose");
  ASSERT_EQ(target.error(), "");
  // goose logs every up and down; the latest row per version wins.
  target.exec(
      "CREATE SCHEMA ops; CREATE TABLE ops.goose_log (id serial PRIMARY KEY, version_id bigint "
      "NOT NULL, is_applied boolean NOT NULL, tstamp timestamp DEFAULT now());\n"
      "INSERT INTO ops.goose_log (version_id, is_applied, tstamp) VALUES"
      " (0, true, '2025-01-01 00:00:00'), (1, true, '2025-01-02 10:00:00'),"
      " (2, true, '2025-01-03 10:00:00'), (2, false, '2025-01-04 10:00:00');");
  TempDir repo;
  repo.write("db/00001_init.sql",
             "-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY);\n"
             "-- +goose Down\nDROP TABLE users;\n");
  repo.write("db/00002_email.sql",
             "-- +goose Up\nALTER TABLE users ADD COLUMN email text;\n"
             "-- +goose Down\nALTER TABLE users DROP COLUMN email;\n");
  const std::string expected =
      "ops.goose_log (goose): 1 applied, 1 pending\n"
      "applied  00001  db/00001_init.sql  (2025-01-02 10:00:00)\n"
      "pending  00002  db/00002_email.sql  (rolled back at 2025-01-04 10:00:00)\n";
  auto flag = run_schemagate({"status", "--database-url", target.url(), "--repo",
                              repo.path().string(), "--tracking-table", "ops.goose_log"});
  EXPECT_EQ(flag.exit_code, 0) << flag.err;
  EXPECT_EQ(flag.out, expected);
  repo.write(".schemagate.toml", "[target]\ntracking_table = \"ops.goose_log\"\n");
  auto config = run_schemagate({"status", "--database-url", target.url(), "--repo",
                                repo.path().string(), "--dir", "db"});
  EXPECT_EQ(config.exit_code, 0) << config.err;
  EXPECT_EQ(config.out, expected);
}

TEST(StatusCli, UnreachableTargetExits2WithoutThePassword) {
  TempDir repo;
  write_plain_repo(repo);
  auto r = run_schemagate({"status", "--database-url",
                           "postgresql://deployer:s3cret-pw@127.0.0.1:1/prod?connect_timeout=5",
                           "--repo", repo.path().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("error: --database-url: cannot connect: ", 0), 0u) << r.err;
  EXPECT_EQ(r.err.find("s3cret-pw"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace
}  // namespace sg
