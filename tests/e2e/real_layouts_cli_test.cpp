// Real repositories' shapes (issue 16), as a new user runs `schemagate check --base main` with no
// flags: another database's twin folder is skipped and said so, Flyway's own non-transactional
// detection decides how a script runs.
#include <gtest/gtest.h>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;

const std::string kPg = "src/main/resources/db/migration/postgresql/";
const std::string kMysql = "src/main/resources/db/migration/mysql/";

// main: V1 in PostgreSQL and in its MySQL twin; the pull request adds V2 to both.
void flyway_with_mysql_twin(const GitFixture& repo, const std::string& v2) {
  repo.write(kPg + "V1__init.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
  repo.write(kMysql + "V1__init.sql",
             "CREATE TABLE users (id bigint PRIMARY KEY AUTO_INCREMENT, email varchar(200)) "
             "ENGINE=InnoDB;\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write(kPg + "V2__email.sql", v2);
  repo.write(kMysql + "V2__email.sql", "CREATE INDEX users_email_idx ON users (email(50));\n");
  repo.commit("email index");
}

TEST(RealLayouts, FlywayRunsAConcurrentlyOnlyScriptOutsideATransactionAndSkipsTheMysqlTwin) {
  GitFixture repo;
  flyway_with_mysql_twin(repo,
                         "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("roundtrip V2__email: ok ("), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("note: skipped src/main/resources/db/migration/mysql: not PostgreSQL "
                       "(folder name mysql); the change's 1 file there were not checked; name it "
                       "with --dir to check it anyway\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("note: src/main/resources/db/migration/postgresql (flyway): 2 migrations, "
                       "1 added; linted 1"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.find("mysql/"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n0 errors, 0 warnings in 1 file\n"), std::string::npos) << r.out;
}

TEST(RealLayouts, FlywayRefusesAMixedScriptUnlessMixedIsTrue) {
  GitFixture repo;
  const std::string mixed = "ALTER TABLE users ADD COLUMN nick text;\n"
                            "CREATE INDEX CONCURRENTLY users_nick_idx ON users (nick);\n";
  flyway_with_mysql_twin(repo, "SET lock_timeout = '2s';\n" + mixed);
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  // One finding for the one problem: lint's, confirmed by the round trip.
  EXPECT_NE(r.out.find(kPg + "V2__email.sql:3:1: error: CREATE INDEX CONCURRENTLY cannot run "
                             "inside a transaction block, but this one runs in one (the migration "
                             "tool wraps the file in one); the round trip failed here as the "
                             "deploy would [ban-concurrent-index-creation-in-transaction]\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("[migration-failed]"), std::string::npos) << r.out;

  // flyway.mixed=true: Flyway runs the whole script without a transaction.
  repo.commit_on_main("flyway.conf", "flyway.locations=filesystem:src/main/resources/db/migration/postgresql\n"
                                     "flyway.mixed=true\n");
  r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("roundtrip V2__email: ok ("), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("[ban-concurrent-index-creation-in-transaction]"), std::string::npos)
      << r.out;
}

TEST(RealLayouts, AFolderWhoseFilesAreNotPostgresqlIsSkippedByContent) {
  GitFixture repo;
  // dbmate folders per engine, the ClickHouse one not named so.
  repo.write("db/migrations/20240101000000_init.sql",
             "-- migrate:up\nCREATE TABLE events (id bigint PRIMARY KEY);\n\n"
             "-- migrate:down\nDROP TABLE events;\n");
  repo.write("db/analytics/20240101000000_init.sql",
             "-- migrate:up\nCREATE TABLE events (id UInt64, at DateTime) ENGINE = MergeTree "
             "ORDER BY id;\n\n-- migrate:down\nDROP TABLE events;\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("db/migrations/20240202000000_kind.sql",
             "-- migrate:up\nSET lock_timeout = '2s';\nALTER TABLE events ADD COLUMN kind text;\n\n"
             "-- migrate:down\nSET lock_timeout = '2s';\nALTER TABLE events DROP COLUMN kind;\n");
  repo.commit("kind");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("note: skipped db/analytics: not PostgreSQL (1 of 1 .sql files do not parse "
                       "as PostgreSQL, e.g. 20240101000000_init.sql:2:"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("roundtrip 20240202000000_kind: ok ("), std::string::npos) << r.out;
}

// diesel: `<version>_<name>/up.sql` + `down.sql` folders, each in its own transaction unless
// metadata.toml says otherwise; before this layout, "nothing to check" and PASS.
TEST(RealLayouts, DieselMigrationsAreLintedAndRoundTripped) {
  GitFixture repo;
  repo.write("migrations/00000000000000_diesel_initial_setup/up.sql",
             "CREATE OR REPLACE FUNCTION diesel_manage_updated_at(_tbl regclass) RETURNS VOID AS "
             "$$\nBEGIN\n  EXECUTE format('SELECT 1 FROM %s', _tbl);\nEND;\n$$ LANGUAGE plpgsql;\n");
  repo.write("migrations/00000000000000_diesel_initial_setup/down.sql",
             "DROP FUNCTION IF EXISTS diesel_manage_updated_at(_tbl regclass);\n");
  repo.write("migrations/2024-01-01-000000_create_users/up.sql",
             "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
  repo.write("migrations/2024-01-01-000000_create_users/down.sql", "DROP TABLE users;\n");
  repo.commit("init");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("migrations/2024-02-01-000000_users_email_index/up.sql",
             "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");
  repo.write("migrations/2024-02-01-000000_users_email_index/down.sql",
             "DROP INDEX CONCURRENTLY users_email_idx;\n");
  repo.write("migrations/2024-02-01-000000_users_email_index/metadata.toml",
             "run_in_transaction = false\n");
  repo.write("migrations/2024-02-02-000000_drop_email/up.sql",
             "ALTER TABLE users DROP COLUMN email;\n");
  repo.write("migrations/2024-02-02-000000_drop_email/down.sql",
             "ALTER TABLE users ADD COLUMN email text NOT NULL DEFAULT '';\n");
  repo.commit("changes");
  auto r = run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_NE(r.err.find("note: migrations (diesel): 4 migrations, 2 added; linted 2"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("roundtrip 2024-02-01-000000_users_email_index: ok ("), std::string::npos)
      << r.out;
  // The CONCURRENTLY migration runs outside a transaction (metadata.toml): no finding.
  EXPECT_EQ(r.out.find("[ban-concurrent-index-creation-in-transaction]"), std::string::npos)
      << r.out;
  // The other is checked, not passed: the drop, and a down that does not restore the column.
  EXPECT_NE(r.out.find("migrations/2024-02-02-000000_drop_email/up.sql:1:1: warning: "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[ban-drop-column]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("migrations/2024-02-02-000000_drop_email/down.sql:1:1: error: rollback does "
                       "not restore the schema: column users.email differs after rollback"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.exit_code, 1);
}

}  // namespace
}  // namespace sg
