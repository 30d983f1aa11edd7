#include "target_support.h"

#include <gtest/gtest.h>

#include "test_support.h"

#include "db/db_support.h"

namespace sg::test {
namespace {

std::unique_ptr<Session> connect(const std::string& url) {
  std::string error;
  auto session = test::take(Session::connect(url), error);
  EXPECT_NE(session, nullptr) << error;
  return session;
}

}  // namespace

const char kSchemaMetadata[] =
    "CREATE TABLE schema_metadata (version text PRIMARY KEY, description text,"
    " applied_at timestamptz NOT NULL DEFAULT now());\n";

const char kAppliedThrough002[] =
    "CREATE TABLE schema_metadata (version text PRIMARY KEY, description text,"
    " applied_at timestamptz NOT NULL DEFAULT now());\n"
    "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
    "INSERT INTO schema_metadata VALUES ('001', 'Initial', '2025-01-02 10:00:00+00'),"
    " ('002', 'Email', '2025-01-03 10:00:00+00');\n";

void write_plain_repo(const TempDir& repo) {
  repo.write("migrations/001_init.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("migrations/002_add_email.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  repo.write("migrations/003_add_index.sql", "CREATE INDEX users_email_idx ON users (email);\n");
  repo.write("migrations/rollback/002_rollback.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.write("migrations/rollback/003_rollback.sql", "DROP INDEX users_email_idx;\n");
}

TargetDb::TargetDb(const std::string& name) : name_(name) {
  EphemeralServer* server = shared_server();
  if (server == nullptr) {
    error_ = "no shared server: " + shared_server_error();
    return;
  }
  auto admin = connect(server->url());
  if (!admin) return;
  admin->exec("DROP DATABASE IF EXISTS " + quote_ident(name_));
  if (auto e = admin->exec("CREATE DATABASE " + quote_ident(name_))) error_ = e->message;
}

TargetDb::~TargetDb() {
  EphemeralServer* server = shared_server();
  if (server == nullptr) return;
  std::string error;
  auto admin = test::take(Session::connect(server->url()), error);
  if (admin) admin->exec("DROP DATABASE IF EXISTS " + quote_ident(name_) + " WITH (FORCE)");
}

std::string TargetDb::url(const std::string& user) const {
  std::string url = shared_server()->url(name_);
  const std::string kUser = "user=postgres";
  size_t at = url.find(kUser);
  if (at != std::string::npos) url.replace(at, kUser.size(), "user=" + user);
  return url;
}

void TargetDb::exec(const std::string& sql) const {
  auto session = connect(url());
  if (!session) return;
  auto e = session->exec(sql);
  EXPECT_FALSE(e) << (e ? e->message : "") << "\n" << sql;
}

std::vector<std::string> TargetDb::column(const std::string& sql) const {
  std::vector<std::string> out;
  auto session = connect(url());
  if (!session) return out;
  std::vector<Row> rows;
  auto e = session->query(sql, rows);
  EXPECT_FALSE(e) << (e ? e->message : "") << "\n" << sql;
  for (const auto& row : rows) out.push_back(row.empty() ? "" : row[0].value_or("NULL"));
  return out;
}

}  // namespace sg::test
