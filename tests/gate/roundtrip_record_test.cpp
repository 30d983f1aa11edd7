// Finding a pending migration's round trip again by content, in what real `check` runs saved:
// their --report-json file and their --audit-log lines.
#include "gate/roundtrip_record.h"

#include <gtest/gtest.h>

#include <fstream>

#include "repo/git_fixture.h"
#include "test_support.h"
#include "util/sha256.h"

namespace sg {
namespace {

using test::GitFixture;
using test::run_schemagate;

const char* const kUp =
    "CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint);\n"
    "CREATE INDEX sessions_user_id_idx ON sessions (user_id);\n";
const char* const kIncompleteDown = "DROP INDEX sessions_user_id_idx;\n";
const char* const kCompleteDown = "DROP TABLE sessions;\n";

Migration sessions(const std::string& up, const std::string& down) {
  Migration m;
  m.id = "002_sessions";
  const auto mode = TransactionMode::kStatementByStatement;
  m.up = Script{"db/migrations/002_sessions.sql", up, mode, {}};
  m.down = Script{"db/migrations/rollback/002_rollback.sql", down, mode, {}};
  return m;
}

// Two checks of one pull request, as CI runs them: the first with a rollback that forgets the
// table (round trip fails), the second after the fix (passes). Both append to one audit log.
class RoundTripRecord : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    GitFixture repo;
    repo.write("db/migrations/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
    repo.write("db/migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
    repo.commit("001");
    repo.git({"checkout", "-q", "-b", "feature"});
    repo.write("db/migrations/002_sessions.sql", kUp);
    repo.write("db/migrations/rollback/002_rollback.sql", kIncompleteDown);
    repo.commit("002");
    auto first = run_schemagate({"check", "--base", "main", "--repo", repo.dir(),
                                 "--report-json", path("failed.json"), "--audit-log",
                                 path("audit.jsonl"), "--format", "json"});
    ASSERT_EQ(first.exit_code, 1) << first.err;
    repo.write("db/migrations/rollback/002_rollback.sql", kCompleteDown);
    repo.commit("complete the rollback");
    auto second = run_schemagate({"check", "--base", "main", "--repo", repo.dir(),
                                  "--report-json", path("passed.json"), "--audit-log",
                                  path("audit.jsonl"), "--format", "json"});
    ASSERT_EQ(second.exit_code, 0) << second.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string path(const std::string& name) { return (dir_->path() / name).string(); }

  static std::vector<RecordedRoundTrip> report(const std::string& name) {
    auto read = read_check_report(path(name));
    EXPECT_TRUE(read) << read.error;
    return read ? *read.value : std::vector<RecordedRoundTrip>{};
  }
  static std::vector<RecordedRoundTrip> audit() {
    auto read = read_audit_log(path("audit.jsonl"));
    EXPECT_TRUE(read) << read.error;
    return read ? *read.value : std::vector<RecordedRoundTrip>{};
  }

  static test::TempDir* dir_;
};
test::TempDir* RoundTripRecord::dir_ = nullptr;

TEST_F(RoundTripRecord, ReportCarriesTheHashesOfWhatWasChecked) {
  std::ifstream in(path("passed.json"));
  auto json = nlohmann::json::parse(in);
  ASSERT_EQ(json["migrations"].size(), 2u);
  EXPECT_EQ(json["migrations"][1]["up_sha256"], sha256_hex(kUp));
  EXPECT_EQ(json["migrations"][1]["down_sha256"], sha256_hex(kCompleteDown));
}

TEST_F(RoundTripRecord, FoundPassingInTheReportAndTheAuditLog) {
  ContentHashes fixed = content_hashes(sessions(kUp, kCompleteDown));
  RecordLookup in_report = find_roundtrip_record(fixed, report("passed.json"));
  EXPECT_EQ(in_report.status, RecordStatus::kPassing);
  EXPECT_EQ(in_report.where, path("passed.json"));
  EXPECT_EQ(in_report.reason, "");
  RecordLookup in_log = find_roundtrip_record(fixed, audit());
  EXPECT_EQ(in_log.status, RecordStatus::kPassing);
  EXPECT_EQ(in_log.where, path("audit.jsonl") + ":2");
}

TEST_F(RoundTripRecord, FoundFailingForTheContentOfTheFirstCheck) {
  ContentHashes first = content_hashes(sessions(kUp, kIncompleteDown));
  RecordLookup in_log = find_roundtrip_record(first, audit());
  EXPECT_EQ(in_log.status, RecordStatus::kFailing);
  EXPECT_EQ(in_log.reason, "db/migrations/002_sessions.sql: the round trip recorded for this "
                           "content failed (" + path("audit.jsonl") + ":1)");
  EXPECT_EQ(find_roundtrip_record(first, report("failed.json")).status, RecordStatus::kFailing);
}

TEST_F(RoundTripRecord, OneByteChangedIsNotFound) {
  std::string edited = std::string(kUp) + " ";
  ContentHashes changed = content_hashes(sessions(edited, kCompleteDown));
  RecordLookup lookup = find_roundtrip_record(changed, audit());
  EXPECT_EQ(lookup.status, RecordStatus::kNotFound);
  EXPECT_EQ(lookup.where, "");
  EXPECT_EQ(lookup.reason, "db/migrations/002_sessions.sql: no round-trip record for this "
                           "content (up sha256 " + sha256_hex(edited).substr(0, 12) +
                           "); the file changed since the recorded check (" +
                           path("audit.jsonl") + ":2)");
}

TEST_F(RoundTripRecord, AMigrationNoCheckSawIsNotFound) {
  Migration other = sessions("CREATE TABLE carts (id bigint);\n", "DROP TABLE carts;\n");
  other.up->path = "db/migrations/003_carts.sql";
  ContentHashes hashes = content_hashes(other);
  RecordLookup lookup = find_roundtrip_record(hashes, report("passed.json"));
  EXPECT_EQ(lookup.status, RecordStatus::kNotFound);
  EXPECT_EQ(lookup.reason, "db/migrations/003_carts.sql: no round-trip record for this content "
                           "(up sha256 " + hashes.up_sha256.substr(0, 12) + ")");
}

TEST(RoundTripRecordFiles, ChecksWithoutDatabaseProveNothing) {
  GitFixture repo;
  repo.write("db/migrations/001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  repo.write("db/migrations/rollback/001_rollback.sql", "DROP TABLE users;\n");
  repo.commit("001");
  test::TempDir out;
  std::string log = (out.path() / "audit.jsonl").string();
  auto r = run_schemagate({"check", "--no-db", "--all", "--repo", repo.dir(), "--audit-log", log});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto read = read_audit_log(log);
  ASSERT_TRUE(read) << read.error;
  EXPECT_EQ(read.value->size(), 0u);
}

TEST(RoundTripRecordFiles, UnreadableOrForeignFilesAreClearErrors) {
  test::TempDir dir;
  std::string missing = (dir.path() / "none.json").string();
  EXPECT_EQ(read_check_report(missing).error, missing + ": cannot read: No such file or directory");
  std::string sarif = (dir.path() / "report.sarif").string();
  std::ofstream(sarif) << R"({"version":"2.1.0","runs":[]})";
  EXPECT_EQ(read_check_report(sarif).error, sarif + ": not a schemagate JSON report (`check --format json` with a "
                           "\"migrations\" section)");
  std::string log = (dir.path() / "audit.jsonl").string();
  std::ofstream(log) << "{\"verification_status\":\"passed\"}\nnot json\n";
  EXPECT_EQ(read_audit_log(log).error, log + ":2: not a JSON record");
}

}  // namespace
}  // namespace sg
