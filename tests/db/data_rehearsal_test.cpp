// The data rehearsal on a real PostgreSQL (the shared embedded server): what the generator
// makes, what it cannot, and the round-trip failures only a populated table shows.
#include "db/data_rehearsal.h"

#include <gtest/gtest.h>

#include "test_support.h"
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <sstream>

#include "db/roundtrip.h"
#include "db_support.h"

namespace sg {
namespace {

using test::migration;
using test::script;

// A scratch database of its own on the shared server, dropped when the test ends.
class DataRehearsal : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(test::shared_server(), nullptr) << test::shared_server_error();
    std::string error;
    admin_ = test::take(Session::connect(test::shared_server()->url()), error);
    ASSERT_NE(admin_, nullptr) << error;
    name_ = "sg_rehearsal_test_" + std::to_string(getpid());
    admin_->exec("DROP DATABASE IF EXISTS " + quote_ident(name_));
    ASSERT_FALSE(admin_->exec("CREATE DATABASE " + quote_ident(name_)));
    db_ = test::take(Session::connect(with_database(test::shared_server()->url(), name_)), error);
    ASSERT_NE(db_, nullptr) << error;
  }
  void TearDown() override {
    db_.reset();
    if (admin_) admin_->exec("DROP DATABASE IF EXISTS " + quote_ident(name_));
  }

  void exec(const std::string& sql) {
    auto e = db_->exec(sql);
    ASSERT_FALSE(e) << e->message;
  }
  std::string value(const std::string& sql) {
    std::vector<Row> rows;
    auto e = db_->query(sql, rows);
    EXPECT_FALSE(e) << e->message;
    if (e || rows.empty() || rows[0].empty()) return "<none>";
    return rows[0][0].value_or("NULL");
  }
  RehearsalReport fill(int rows) {
    auto filled = fill_tables(*db_, rows);
    EXPECT_TRUE(filled) << filled.error;
    return filled ? *filled.value : RehearsalReport{};
  }

  std::unique_ptr<Session> admin_;
  std::unique_ptr<Session> db_;
  std::string name_;
};

std::vector<std::string> names(const RehearsalReport& report) {
  std::vector<std::string> out;
  for (const auto& t : report.tables) out.push_back(t.table + ":" + std::to_string(t.rows));
  return out;
}

TEST_F(DataRehearsal, ForeignKeysAndUniqueConstraintsAreRespectedParentsFirst) {
  exec(R"(
CREATE TYPE tier AS ENUM ('free', 'pro', 'team');
CREATE DOMAIN positive_money AS numeric(10, 2) CHECK (VALUE > 0);
CREATE SCHEMA billing;
-- Created children first: the fill order must come from the foreign keys, not the names.
CREATE TABLE order_items (order_id bigint NOT NULL, line int NOT NULL, qty int NOT NULL
  CHECK (qty BETWEEN 1 AND 3), PRIMARY KEY (order_id, line));
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id int NOT NULL, total positive_money NOT NULL, code varchar(6) NOT NULL UNIQUE,
  uid uuid NOT NULL UNIQUE, tags text[], payload jsonb NOT NULL, placed timestamptz NOT NULL,
  note text, status text NOT NULL DEFAULT 'new');
CREATE TABLE customers (id serial PRIMARY KEY, email varchar(320) NOT NULL UNIQUE,
  plan tier NOT NULL, born date NOT NULL, active boolean NOT NULL, avatar bytea,
  referred_by int REFERENCES customers (id));
CREATE TABLE billing.invoices (id int PRIMARY KEY, customer_id int REFERENCES customers,
  amount numeric(12, 2) NOT NULL CHECK (amount > 0));
ALTER TABLE order_items ADD FOREIGN KEY (order_id) REFERENCES orders (id);
ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);
INSERT INTO customers (email, plan, born, active) VALUES ('seed@example.com', 'pro', '1990-01-01', true);
)");
  RehearsalReport report = fill(300);
  EXPECT_EQ(report.rows_per_table, 300);
  EXPECT_TRUE(report.unfilled.empty())
      << report.unfilled[0].table << ": " << report.unfilled[0].reason;
  EXPECT_EQ(names(report), (std::vector<std::string>{"customers:300", "billing.invoices:300",
                                                     "orders:300", "order_items:300"}));
  EXPECT_EQ(value("SELECT count(*) FROM customers"), "301");  // the seed row stays
  EXPECT_EQ(value("SELECT count(*) FROM orders"), "300");
  EXPECT_EQ(value("SELECT count(*) FROM order_items"), "300");
  EXPECT_EQ(value("SELECT count(*) FROM billing.invoices"), "300");
  // Every child row points at an existing parent, and the parents are spread over.
  EXPECT_EQ(value("SELECT count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id "
                  "WHERE c.id IS NULL"),
            "0");
  EXPECT_EQ(value("SELECT count(DISTINCT customer_id) FROM orders"), "300");
  EXPECT_EQ(value("SELECT count(*) FROM order_items i LEFT JOIN orders o ON o.id = i.order_id "
                  "WHERE o.id IS NULL"),
            "0");
  // Unique columns are distinct; the others repeat seven values; self-references stay NULL.
  EXPECT_EQ(value("SELECT count(DISTINCT email) FROM customers"), "301");
  EXPECT_EQ(value("SELECT count(DISTINCT code) || ' ' || count(DISTINCT uid) FROM orders"),
            "300 300");
  EXPECT_EQ(value("SELECT count(DISTINCT note) FROM orders"), "7");
  EXPECT_EQ(value("SELECT count(*) FROM customers WHERE referred_by IS NOT NULL"), "0");
  // Defaults are the server's; a CHECK that the usual values break gets one value that passes.
  EXPECT_EQ(value("SELECT string_agg(DISTINCT status, ',') FROM orders"), "new");
  EXPECT_EQ(value("SELECT string_agg(DISTINCT qty::text, ',') FROM order_items"), "1");
  EXPECT_EQ(value("SELECT string_agg(DISTINCT plan::text, ',' ORDER BY plan::text) FROM customers"),
            "free,pro,team");
  nlohmann::json json = to_json(report);
  EXPECT_EQ(json["rows_per_table"], 300);
  EXPECT_TRUE(json["fill_ms"].is_number_integer());
  EXPECT_EQ(json["tables"].size(), 4u);
  EXPECT_EQ(json["tables"][3]["table"], "order_items");
  EXPECT_EQ(json["tables"][3]["rows"], 300);
  EXPECT_EQ(json["unfilled"], nlohmann::json::array());
}

TEST_F(DataRehearsal, TablesItCannotFillAreNamedWithTheirReason) {
  exec(R"(
CREATE TABLE bookings (id int PRIMARY KEY, during int4range NOT NULL);
CREATE TABLE odd (id int PRIMARY KEY, n int NOT NULL CHECK (n > 10 AND n < 5));
CREATE TABLE a (id int PRIMARY KEY, b_id int NOT NULL);
CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a);
ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b;
CREATE TABLE c (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a, note text);
CREATE TABLE tree (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES tree);
CREATE TABLE fine (id int PRIMARY KEY, a_id int REFERENCES a);
)");
  RehearsalReport report = fill(50);
  EXPECT_EQ(names(report), (std::vector<std::string>{"fine:50"}));
  std::vector<std::string> unfilled;
  for (const auto& u : report.unfilled) unfilled.push_back(u.table + ": " + u.reason);
  std::sort(unfilled.begin(), unfilled.end());
  EXPECT_EQ(unfilled,
            (std::vector<std::string>{
                "a: on a cycle of NOT NULL foreign keys (a, b)",
                "b: on a cycle of NOT NULL foreign keys (a, b)",
                "bookings: cannot make a value of type int4range for NOT NULL column during",
                "c: foreign key c_a_id_fkey references its parent, which has no rows",
                "odd: new row for relation \"odd\" violates check constraint \"odd_n_check\" "
                "(SQLSTATE 23514)",
                "tree: foreign key tree_parent_id_fkey is a NOT NULL self-reference",
            }));
  EXPECT_EQ(value("SELECT count(*) FROM fine WHERE a_id IS NULL"), "50");
  auto notes = rehearsal_notes(report);
  ASSERT_EQ(notes.size(), 6u);
  EXPECT_NE(std::find(notes.begin(), notes.end(),
                      "data rehearsal: table bookings was not filled (cannot make a value of type "
                      "int4range for NOT NULL column during); the round trip ran with it empty"),
            notes.end());
  std::ostringstream text;
  write_rehearsal_text(report, text);
  EXPECT_EQ(text.str().substr(0, text.str().find('(')), "rehearsal: 50 rows in each of 1 table ");
  EXPECT_NE(text.str().find(", 6 not filled\n  fine        50 rows"), std::string::npos)
      << text.str();
  EXPECT_NE(text.str().find("\n  bookings: NOT FILLED: cannot make a value of type int4range"),
            std::string::npos)
      << text.str();
}

TEST_F(DataRehearsal, ANullableForeignKeyCycleIsBrokenWithNulls) {
  exec(R"(
CREATE TABLE teams (id int PRIMARY KEY, lead_id int);
CREATE TABLE people (id int PRIMARY KEY, team_id int NOT NULL REFERENCES teams);
ALTER TABLE teams ADD FOREIGN KEY (lead_id) REFERENCES people;
)");
  RehearsalReport report = fill(20);
  EXPECT_EQ(names(report), (std::vector<std::string>{"teams:20", "people:20"}));
  EXPECT_EQ(value("SELECT count(*) FROM teams WHERE lead_id IS NULL"), "20");
}

// The round trip at rehearsal volume: findings an empty table hides.
MigrationSet users_then(const std::string& change) {
  MigrationSet set;
  set.migrations.push_back(
      migration("001_users",
                script("001.sql",
                       "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL,\n"
                       "  country text NOT NULL);\n"),
                std::nullopt, ChangeKind::kUnchanged));
  set.migrations.push_back(migration("002_change", script("002.sql", change), std::nullopt));
  return set;
}

test::RoundTripWithFindings rehearsed(const MigrationSet& set, int rows) {
  RoundTripOptions options;
  options.database_url = test::shared_server()->url();
  options.rehearse_rows = rows;
  auto report = test::with_findings(run_roundtrip(set, options));
  // What the volume changes is under test here; the locks are lock_trace_test's business.
  auto& f = report.findings;
  f.erase(std::remove_if(f.begin(), f.end(),
                         [](const Finding& x) { return x.rule_id == "blocking-lock"; }),
          f.end());
  return report;
}

TEST_F(DataRehearsal, AddColumnNotNullWithoutDefaultFailsOnlyOnAPopulatedTable) {
  MigrationSet set = users_then(
      "-- tenant for every user\n\nALTER TABLE users ADD COLUMN tenant_id int NOT NULL;\n");
  auto empty = rehearsed(set, 0);
  ASSERT_EQ(empty.error, "");
  EXPECT_TRUE(empty.findings.empty()) << test::finding_line(empty.findings[0]);
  EXPECT_FALSE(empty.rehearsal);
  EXPECT_FALSE(to_json(empty)[0].contains("rehearsal"));

  auto report = rehearsed(set, 1000);
  ASSERT_EQ(report.error, "");
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(test::finding_line(report.findings[0]),
            "002.sql:3:1: error: migration failed: column \"tenant_id\" of relation \"users\" "
            "contains null values (SQLSTATE 23502) (with 1000 rehearsal rows per table) "
            "[migration-failed]");
  nlohmann::json json = to_json(report);
  EXPECT_EQ(json[0]["status"], "failed");
  EXPECT_EQ(json[0]["rehearsal"]["rows_per_table"], 1000);
  EXPECT_EQ(json[0]["rehearsal"]["tables"],
            nlohmann::json::parse(R"([{"table":"users","rows":1000,"ms":)" +
                                  json[0]["rehearsal"]["tables"][0]["ms"].dump() + "}]"));
  std::ostringstream text;
  write_roundtrip_text(report, text);
  EXPECT_EQ(text.str().rfind("rehearsal: 1000 rows in each of 1 table (", 0), 0u) << text.str();
}

TEST_F(DataRehearsal, AUniqueIndexOverRepeatingValuesFails) {
  MigrationSet set = users_then(
      "CREATE INDEX users_email_idx ON users (email);\n"
      "CREATE UNIQUE INDEX users_country_key ON users (country);\n");
  EXPECT_TRUE(rehearsed(set, 0).findings.empty());
  auto report = rehearsed(set, 100);
  ASSERT_EQ(report.error, "");
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(test::finding_line(report.findings[0]),
            "002.sql:2:1: error: migration failed: could not create unique index "
            "\"users_country_key\" (SQLSTATE 23505) (with 100 rehearsal rows per table) "
            "[migration-failed]");
}

TEST_F(DataRehearsal, ACheckThatExistingRowsViolateFails) {
  MigrationSet set =
      users_then("ALTER TABLE users ADD CONSTRAINT users_country_check CHECK (country = 'r1');\n");
  EXPECT_TRUE(rehearsed(set, 0).findings.empty());
  auto report = rehearsed(set, 10);
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(test::finding_line(report.findings[0]),
            "002.sql:1:1: error: migration failed: check constraint \"users_country_check\" of "
            "relation \"users\" is violated by some row (SQLSTATE 23514) (with 10 rehearsal rows "
            "per table) [migration-failed]");
}

}  // namespace
}  // namespace sg
