// Drift on real PostgreSQL: a target database on the shared server, built by the migrations and
// then changed by hand, against the migrations replayed on a scratch database.
#include "gate/drift.h"

#include <gtest/gtest.h>

#include "test_support.h"

#include <algorithm>

#include "db/scratch_server.h"
#include "db/session.h"
#include "db/db_support.h"

namespace sg {
namespace {

using test::script;

// A database on the shared server standing in for production; dropped when the test ends.
class Target {
 public:
  explicit Target(const std::string& base_url)
      : base_url_(base_url), name_(scratch_name("target", new_run_tag(600))) {
    std::string error;
    admin_ = test::take(Session::connect(base_url_), error);
    if (admin_) admin_->exec("CREATE DATABASE " + quote_ident(name_));
  }
  ~Target() {
    if (admin_) admin_->exec("DROP DATABASE IF EXISTS " + quote_ident(name_) + " WITH (FORCE)");
  }
  std::string url() const { return with_database(base_url_, name_); }
  // Runs SQL on the target as a person at a psql prompt would; "" or the server's message.
  std::string run(const std::string& sql) const {
    std::string error;
    auto session = test::take(Session::connect(url()), error);
    if (!session) return error;
    auto failure = session->exec(sql);
    return failure ? failure->message : "";
  }

 private:
  std::string base_url_;
  std::string name_;
  std::unique_ptr<Session> admin_;
};

std::vector<Script> applied_ups() {
  return {
      script("migrations/001_users.sql",
             "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"),
      script("migrations/002_nickname.sql", "ALTER TABLE users ADD COLUMN nickname text;\n",
             TransactionMode::kWholeFileImplicit),
      script("migrations/003_orders.sql",
             "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users);\n"
             "CREATE INDEX orders_user_id_idx ON orders (user_id);\n",
             TransactionMode::kWrappedByTool),
  };
}

// What the migration tool leaves on the target besides the migrations' own objects.
const char* const kTrackingTable =
    "CREATE TABLE schema_metadata (id serial PRIMARY KEY, version text UNIQUE NOT NULL);"
    "INSERT INTO schema_metadata (version) VALUES ('001'), ('002'), ('003');";

class Drift : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(test::shared_server(), nullptr) << test::shared_server_error();
    target_ = std::make_unique<Target>(test::shared_server()->url());
    for (const auto& up : applied_ups()) ASSERT_EQ(target_->run(up.text), "") << up.path;
    ASSERT_EQ(target_->run(kTrackingTable), "");
    options_.replay.database_url = test::shared_server()->url();
    options_.ignored_tables = {"schema_metadata"};
  }

  std::vector<std::string> scratch_databases_left() {
    std::string error;
    auto admin = test::take(Session::connect(test::shared_server()->url()), error);
    std::vector<Row> rows;
    admin->query("SELECT datname FROM pg_database WHERE datname LIKE 'sg\\_drift\\_%'", rows);
    std::vector<std::string> out;
    for (const auto& row : rows) out.push_back(row[0].value_or(""));
    return out;
  }

  std::unique_ptr<Target> target_;
  DriftOptions options_;
};

TEST_F(Drift, TargetBuiltByTheMigrationsHasNoDrift) {
  DriftReport report = find_drift(applied_ups(), target_->url(), options_);
  EXPECT_EQ(report.error, "");
  EXPECT_EQ(report.differences, std::vector<std::string>{});
  EXPECT_EQ(scratch_databases_left(), std::vector<std::string>{});
}

TEST_F(Drift, ObjectsChangedByHandAreNamed) {
  ASSERT_EQ(target_->run("CREATE INDEX users_email_lower_idx ON users (lower(email));"
                         "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);"
                         "ALTER TABLE users DROP COLUMN nickname;"),
            "");
  DriftReport report = find_drift(applied_ups(), target_->url(), options_);
  EXPECT_EQ(report.error, "");
  EXPECT_EQ(report.differences,
            (std::vector<std::string>{
                "column users.email differs on the target: migrations give `text not null "
                "position 2`, target has `character varying(200) not null position 2`",
                "column users.nickname is in the migrations but missing on the target",
                "index users_email_lower_idx exists on the target but in no migration",
            }));
  EXPECT_EQ(scratch_databases_left(), std::vector<std::string>{});
}

TEST_F(Drift, TrackingTableIsDriftUnlessNamed) {
  options_.ignored_tables.clear();
  DriftReport report = find_drift(applied_ups(), target_->url(), options_);
  EXPECT_EQ(report.error, "");
  // The table is named once: its columns and primary key index go with it.
  EXPECT_EQ(report.differences,
            (std::vector<std::string>{
                "sequence schema_metadata_id_seq exists on the target but in no migration",
                "table schema_metadata exists on the target but in no migration",
            }));
}

TEST_F(Drift, ReplayFailureIsAClearError) {
  std::vector<Script> ups = applied_ups();
  ups.push_back(script("migrations/004_twice.sql", "\nCREATE TABLE users (id int);\n"));
  DriftReport report = find_drift(ups, target_->url(), options_);
  EXPECT_EQ(report.error,
            "drift: replaying migrations/004_twice.sql failed at 2:1: relation \"users\" "
            "already exists (SQLSTATE 42P07); the applied migrations do not build a schema to "
            "compare with");
  EXPECT_EQ(report.differences, std::vector<std::string>{});
  EXPECT_EQ(scratch_databases_left(), std::vector<std::string>{});
}

TEST_F(Drift, UnreachableTargetIsAClearError) {
  DriftReport report = find_drift(
      applied_ups(), "postgresql://gate:s3cret@127.0.0.1:1/prod?connect_timeout=2", options_);
  EXPECT_EQ(report.error.rfind("drift: cannot connect to the target database: ", 0), 0u)
      << report.error;
  EXPECT_EQ(report.error.find("s3cret"), std::string::npos);
}

}  // namespace
}  // namespace sg
