// Table-level lock modes per statement, as PostgreSQL's explicit-locking chapter lists them.
#include "sql/lock_level.h"

#include <gtest/gtest.h>

namespace sg {
namespace {

// "table:MODE table:MODE" for the single statement in `sql`.
std::string locks_of(const std::string& sql) {
  SourceFile source("f.sql", sql);
  ParsedFile parsed = parse_sql(source);
  EXPECT_FALSE(parsed.syntax_error) << sql;
  EXPECT_EQ(parsed.statements.size(), 1u) << sql;
  std::string out;
  for (const auto& lock : table_locks(parsed.statements.at(0))) {
    out += (out.empty() ? "" : " ") + lock.name + ":" + std::string(lock_mode_name(lock.mode));
  }
  return out;
}

TEST(LockLevel, AlterTableTakesTheStrongestModeOfItsSubcommands) {
  EXPECT_EQ(locks_of("ALTER TABLE users ADD COLUMN x int"), "users:ACCESS EXCLUSIVE");
  EXPECT_EQ(locks_of("ALTER TABLE users VALIDATE CONSTRAINT c"), "users:SHARE UPDATE EXCLUSIVE");
  EXPECT_EQ(locks_of("ALTER TABLE users SET (fillfactor = 70), VALIDATE CONSTRAINT c"),
            "users:SHARE UPDATE EXCLUSIVE");
  EXPECT_EQ(locks_of("ALTER TABLE users VALIDATE CONSTRAINT c, ALTER COLUMN x SET NOT NULL"),
            "users:ACCESS EXCLUSIVE");
  EXPECT_EQ(locks_of("ALTER TABLE users DISABLE TRIGGER t"), "users:SHARE ROW EXCLUSIVE");
  EXPECT_EQ(locks_of("ALTER TABLE app.orders ADD CONSTRAINT fk FOREIGN KEY (user_id) "
                     "REFERENCES users (id) NOT VALID"),
            "app.orders:SHARE ROW EXCLUSIVE users:SHARE ROW EXCLUSIVE");
  EXPECT_EQ(locks_of("ALTER TABLE orders ADD COLUMN user_id int REFERENCES users"),
            "orders:ACCESS EXCLUSIVE users:SHARE ROW EXCLUSIVE");
  EXPECT_EQ(locks_of("ALTER TABLE m DETACH PARTITION p CONCURRENTLY"), "m:SHARE UPDATE EXCLUSIVE");
  EXPECT_EQ(locks_of("ALTER TABLE m DETACH PARTITION p"), "m:ACCESS EXCLUSIVE");
  EXPECT_EQ(locks_of("ALTER TABLE m ATTACH PARTITION p FOR VALUES IN (1)"),
            "p:ACCESS EXCLUSIVE m:SHARE UPDATE EXCLUSIVE");
  EXPECT_EQ(locks_of("ALTER TABLE users RENAME COLUMN a TO b"), "users:ACCESS EXCLUSIVE");
}

TEST(LockLevel, IndexesTriggersAndMaintenance) {
  EXPECT_EQ(locks_of("CREATE INDEX i ON users (email)"), "users:SHARE");
  EXPECT_EQ(locks_of("CREATE INDEX CONCURRENTLY i ON users (email)"),
            "users:SHARE UPDATE EXCLUSIVE");
  EXPECT_EQ(locks_of("CREATE TRIGGER t AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION f()"),
            "users:SHARE ROW EXCLUSIVE");
  EXPECT_EQ(locks_of("VACUUM FULL users"), "users:ACCESS EXCLUSIVE");
  EXPECT_EQ(locks_of("VACUUM (ANALYZE) users"), "users:SHARE UPDATE EXCLUSIVE");
  EXPECT_EQ(locks_of("CLUSTER users USING users_pkey"), "users:ACCESS EXCLUSIVE");
  EXPECT_EQ(locks_of("REINDEX TABLE users"), "users:SHARE");
  EXPECT_EQ(locks_of("REINDEX TABLE CONCURRENTLY users"), "users:SHARE UPDATE EXCLUSIVE");
  EXPECT_EQ(locks_of("REINDEX INDEX users_pkey"), "");
  EXPECT_EQ(locks_of("REFRESH MATERIALIZED VIEW stats"), "stats:ACCESS EXCLUSIVE");
  EXPECT_EQ(locks_of("REFRESH MATERIALIZED VIEW CONCURRENTLY stats"), "stats:EXCLUSIVE");
}

TEST(LockLevel, DropTruncateLockAndDml) {
  EXPECT_EQ(locks_of("DROP TABLE a, app.b"), "a:ACCESS EXCLUSIVE app.b:ACCESS EXCLUSIVE");
  EXPECT_EQ(locks_of("DROP INDEX i"), "");
  EXPECT_EQ(locks_of("TRUNCATE a, b"), "a:ACCESS EXCLUSIVE b:ACCESS EXCLUSIVE");
  EXPECT_EQ(locks_of("LOCK TABLE a IN ROW EXCLUSIVE MODE"), "a:ROW EXCLUSIVE");
  EXPECT_EQ(locks_of("LOCK a"), "a:ACCESS EXCLUSIVE");
  EXPECT_EQ(locks_of("UPDATE a SET x = 1"), "a:ROW EXCLUSIVE");
  EXPECT_EQ(locks_of("DELETE FROM a"), "a:ROW EXCLUSIVE");
  EXPECT_EQ(locks_of("INSERT INTO a SELECT * FROM b"), "a:ROW EXCLUSIVE");
  EXPECT_EQ(locks_of("SELECT * FROM a"), "");
  EXPECT_EQ(locks_of("CREATE TABLE n (id int REFERENCES users)"), "users:SHARE ROW EXCLUSIVE");
  EXPECT_EQ(locks_of("CREATE TABLE p2 PARTITION OF p FOR VALUES IN (2)"), "p:ACCESS EXCLUSIVE");
}

TEST(LockLevel, BlockingMeansItBlocksWrites) {
  EXPECT_FALSE(is_blocking(LockMode::kRowExclusive));
  EXPECT_FALSE(is_blocking(LockMode::kShareUpdateExclusive));
  EXPECT_TRUE(is_blocking(LockMode::kShare));
  EXPECT_TRUE(is_blocking(LockMode::kAccessExclusive));
}

}  // namespace
}  // namespace sg
