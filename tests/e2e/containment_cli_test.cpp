// A hostile pull request cannot reach the runner. Each attack is a migration in a real git
// repository, run through `schemagate check` on the embedded PostgreSQL with a fake token in the
// environment: the token and host files appear in no output, nothing is written on the host, and
// the migration gets PostgreSQL's permission error as a finding at its line.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "repo/git_fixture.h"
#include "test_support.h"

namespace sg {
namespace {

namespace fs = std::filesystem;
using test::GitFixture;
using test::run_program;
using test::TempDir;

constexpr const char* kToken = "ghp_FakeTokenForTheContainmentTest0123456789";
constexpr const char* kMarker = "SG_CONTAINMENT_MARKER=visible-to-the-server";
constexpr const char* kHostSecret = "host-file-secret-4c1f9e";

struct Outputs {
  int exit_code = -1;
  std::string all;  // every output concatenated: stdout, stderr and every file written
  nlohmann::json report;
};

// main: 001 (a table); the pull request adds 002 = `sql`.
void make_pull_request(const GitFixture& repo, const std::string& sql) {
  repo.write("migrations/001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
  repo.write("migrations/rollback/001_rollback.sql", "DROP TABLE accounts;\n");
  repo.commit("001");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("migrations/002_attack.sql", sql);
  repo.write("migrations/rollback/002_rollback.sql", "SELECT 1;\n");
  repo.commit("002");
}

// `check` in each format, with the token and a marker variable in its environment; the text,
// JSON report, GitHub annotations, job summary, step outputs, SARIF and audit log are all kept.
Outputs check_everywhere(const GitFixture& repo, const TempDir& out) {
  Outputs o;
  fs::path summary = out.path() / "summary.md";
  fs::path outputs = out.path() / "outputs.txt";
  fs::path json = out.path() / "report.json";
  fs::path audit = out.path() / "audit.jsonl";
  fs::path sarif = out.path() / "report.sarif";
  std::vector<std::string> env{"env", std::string("GITHUB_TOKEN=") + kToken, kMarker,
                               "GITHUB_STEP_SUMMARY=" + summary.string(),
                               "GITHUB_OUTPUT=" + outputs.string(), SG_BINARY, "check",
                               "--base", "main", "--repo", repo.dir()};
  for (const auto& format : std::vector<std::vector<std::string>>{
           {"--format", "github", "--report-json", json.string(), "--audit-log", audit.string()},
           {"--format", "sarif", "--output", sarif.string()},
           {"--format", "markdown"},
           {}}) {
    auto argv = env;
    argv.insert(argv.end(), format.begin(), format.end());
    auto r = run_program(argv);
    o.exit_code = r.exit_code;
    o.all += r.out + r.err;
  }
  for (const auto& file : {summary, outputs, json, audit, sarif}) o.all += test::read_file(file);
  o.report = nlohmann::json::parse(test::read_file(json));
  return o;
}

const nlohmann::json* finding(const nlohmann::json& report, const std::string& rule) {
  for (const auto& f : report["findings"]) {
    if (f["rule_id"] == rule) return &f;
  }
  return nullptr;
}

// The attack's migration failed with PostgreSQL's permission error at `line`, and nothing of
// the token, the marker or the host file is in any output.
void expect_contained(const Outputs& o, int line, const std::string& message) {
  EXPECT_EQ(o.exit_code, 1);
  const nlohmann::json* f = finding(o.report, "migration-failed");
  ASSERT_NE(f, nullptr) << o.report.dump(2);
  EXPECT_EQ((*f)["file"], "migrations/002_attack.sql");
  EXPECT_EQ((*f)["line"], line);
  EXPECT_EQ((*f)["message"], "migration failed: " + message + " (SQLSTATE 42501)");
  EXPECT_NE((*f)["help"].get<std::string>().find("[roundtrip] setup"), std::string::npos);
  EXPECT_EQ(o.report["containment"]["migration_role"], "sg_migrator");
  EXPECT_EQ(o.report["containment"]["superuser"], false);
  EXPECT_EQ(o.all.find(kToken), std::string::npos);
  EXPECT_EQ(o.all.find("SG_CONTAINMENT_MARKER"), std::string::npos);
  EXPECT_EQ(o.all.find(kHostSecret), std::string::npos);
}

TEST(Containment, EnvironmentThroughCopyFromProgramIsRefused) {
  GitFixture repo;
  make_pull_request(repo,
                    "CREATE TEMP TABLE e (l text);\n"
                    "COPY e FROM PROGRAM 'env';\n"
                    "DO $$ BEGIN RAISE EXCEPTION 'x: %', (SELECT string_agg(l, ' ') FROM e); "
                    "END $$;\n");
  TempDir out;
  expect_contained(check_everywhere(repo, out), 2,
                   "must be superuser or have privileges of the pg_execute_server_program role "
                   "to COPY to or from an external program");
}

TEST(Containment, ProcSelfEnvironThroughPgReadFileIsRefused) {
  GitFixture repo;
  make_pull_request(repo, "SELECT 1;\nSELECT pg_read_file('/proc/self/environ');\n");
  TempDir out;
  expect_contained(check_everywhere(repo, out), 2, "permission denied for function pg_read_file");
}

TEST(Containment, PostmasterEnvironThroughPgReadFileIsRefused) {
  GitFixture repo;
  make_pull_request(repo,
                    "SELECT pg_read_file('/proc/' || split_part(pg_read_file('postmaster.pid'), "
                    "E'\\n', 1) || '/environ');\n");
  TempDir out;
  expect_contained(check_everywhere(repo, out), 1, "permission denied for function pg_read_file");
}

TEST(Containment, CommandThroughCopyToProgramDoesNotRun) {
  TempDir host;
  fs::path touched = host.path() / "touched";
  fs::permissions(host.path(), fs::perms::all);  // writable for the server user, were it allowed
  GitFixture repo;
  make_pull_request(repo, "COPY (SELECT 1) TO PROGRAM 'touch " + touched.string() + "';\n");
  TempDir out;
  expect_contained(check_everywhere(repo, out), 1,
                   "must be superuser or have privileges of the pg_execute_server_program role "
                   "to COPY to or from an external program");
  EXPECT_FALSE(fs::exists(touched));
}

TEST(Containment, HostFileThroughPgReadFileAndLoImportIsRefused) {
  TempDir host;
  fs::path file = host.write("secret.txt", kHostSecret);
  fs::permissions(host.path(), fs::perms::all);
  fs::permissions(file, fs::perms::all);
  {
    GitFixture repo;
    make_pull_request(repo, "SELECT pg_read_file('" + file.string() + "');\n");
    TempDir out;
    expect_contained(check_everywhere(repo, out), 1,
                     "permission denied for function pg_read_file");
  }
  {
    GitFixture repo;
    make_pull_request(repo, "SELECT lo_import('" + file.string() + "');\n");
    TempDir out;
    expect_contained(check_everywhere(repo, out), 1, "permission denied for function lo_import");
  }
}

TEST(Containment, HostFileThroughCopyToIsNotWritten) {
  TempDir host;
  fs::path written = host.path() / "written";
  fs::permissions(host.path(), fs::perms::all);
  GitFixture repo;
  make_pull_request(repo, "COPY (SELECT 'x') TO '" + written.string() + "';\n");
  TempDir out;
  expect_contained(check_everywhere(repo, out), 1,
                   "must be superuser or have privileges of the pg_write_server_files role to "
                   "COPY to a file");
  EXPECT_FALSE(fs::exists(written));
}

// Whatever a migration prints, a secret's value becomes *** in every output.
TEST(Containment, ASecretInAnErrorMessageIsRedactedEverywhere) {
  GitFixture repo;
  make_pull_request(repo, std::string("DO $$ BEGIN RAISE EXCEPTION 'leak %', '") + kToken +
                              "'; END $$;\n");
  TempDir out;
  Outputs o = check_everywhere(repo, out);
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_EQ(o.all.find(kToken), std::string::npos);
  const nlohmann::json* f = finding(o.report, "migration-failed");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ((*f)["message"], "migration failed: leak *** (SQLSTATE P0001)");
}

// A superuser run (declared at the merge base) still gets a scrubbed environment and no
// network, and every report says the pull request's SQL ran as superuser.
TEST(Containment, MigrationsAsSuperuserRunWithAScrubbedEnvironmentAndSaySo) {
  GitFixture repo;
  repo.write(".schemagate.toml", "[roundtrip]\nmigrations_as_superuser = true\n");
  make_pull_request(repo,
                    "CREATE TEMP TABLE e (l text);\n"
                    "COPY e FROM PROGRAM 'env; cat /proc/self/net/dev';\n"
                    "DO $$ BEGIN RAISE EXCEPTION 'x: %', (SELECT string_agg(l, ' ') FROM e); "
                    "END $$;\n");
  TempDir out;
  Outputs o = check_everywhere(repo, out);
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_EQ(o.report["containment"]["superuser"], true);
  const nlohmann::json* f = finding(o.report, "migration-failed");
  ASSERT_NE(f, nullptr);
  std::string message = (*f)["message"];
  EXPECT_EQ((*f)["line"], 3);
  EXPECT_NE(message.find(" PATH="), std::string::npos) << message;  // the environment was read
  EXPECT_EQ(o.all.find(kToken), std::string::npos);
  EXPECT_EQ(o.all.find("SG_CONTAINMENT_MARKER"), std::string::npos);
  EXPECT_EQ(o.all.find("GITHUB_"), std::string::npos);
  if (o.report["containment"]["network"] == "isolated") {
    // The server's own view of the network: a loopback and nothing else.
    EXPECT_NE(message.find(" lo: "), std::string::npos) << message;
    EXPECT_EQ(message.find("eth0:"), std::string::npos) << message;
  }
  std::string warning = "the pull request's SQL ran as a superuser";
  EXPECT_NE(test::read_file(out.path() / "summary.md").find(warning), std::string::npos);
  EXPECT_NE(o.all.find("note: warning: " + warning), std::string::npos);
  EXPECT_NE(test::read_file(out.path() / "report.sarif").find(warning), std::string::npos);
}

// The pull request cannot grant itself superuser: its own config change waits for the merge.
TEST(Containment, APullRequestCannotTurnOnSuperuserMigrations) {
  GitFixture repo;
  make_pull_request(repo, "SELECT 1;\nCOPY (SELECT 1) TO PROGRAM 'true';\n");
  repo.write(".schemagate.toml", "[roundtrip]\nmigrations_as_superuser = true\n");
  repo.commit("let me in");
  auto r = test::run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format",
                                 "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["containment"]["superuser"], false);
  const nlohmann::json* f = finding(report, "migration-failed");
  ASSERT_NE(f, nullptr) << r.out;
  EXPECT_EQ((*f)["line"], 2);
  const nlohmann::json* policy = finding(report, "policy-change");
  ASSERT_NE(policy, nullptr) << r.out;
  EXPECT_EQ((*policy)["file"], ".schemagate.toml");
}

// A history that needs roles and a schema made outside the migrations.
void make_history_needing_setup(const GitFixture& repo) {
  repo.write("db/setup.sql",
             "CREATE ROLE app_owner;\nCREATE ROLE app_reader;\n"
             "CREATE SCHEMA app AUTHORIZATION app_owner;\n");
  repo.write("migrations/001_accounts.sql",
             "CREATE TABLE app.accounts (id bigint PRIMARY KEY);\n"
             "GRANT SELECT ON app.accounts TO app_reader;\n");
  repo.write("migrations/rollback/001_rollback.sql", "DROP TABLE app.accounts;\n");
}

TEST(Containment, AHistoryNeedingRolesRoundTripsOnceSetupIsConfigured) {
  GitFixture repo;
  make_history_needing_setup(repo);
  repo.write(".schemagate.toml", "[roundtrip]\nsetup = [\"db/setup.sql\"]\n");
  repo.commit("001");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("migrations/002_audit.sql",
             "CREATE TABLE app.audit (id bigint PRIMARY KEY);\n"
             "ALTER TABLE app.audit OWNER TO app_owner;\n"
             "GRANT SELECT ON app.audit TO app_reader;\n");
  repo.write("migrations/rollback/002_rollback.sql", "DROP TABLE app.audit;\n");
  repo.commit("002");
  auto r = test::run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format",
                                 "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  auto report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["containment"]["setup"], nlohmann::json::array({"db/setup.sql"}));
  EXPECT_EQ(report["roundtrip"][0]["status"], "ok") << r.out;
  EXPECT_NE(r.err.find("note: round trip setup ran as superuser before the history: db/setup.sql"),
            std::string::npos)
      << r.err;
}

TEST(Containment, WithoutTheSetupTheHistoryFailsWithAPointerToIt) {
  GitFixture repo;
  make_history_needing_setup(repo);
  repo.commit("001");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("migrations/002_t.sql", "CREATE TABLE t (id int);\n");
  repo.write("migrations/rollback/002_rollback.sql", "DROP TABLE t;\n");
  repo.commit("002");
  auto r = test::run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format",
                                 "json"});
  // A warning on the unchanged file, not an error blamed on it (issue 16): the change's
  // migration is skipped, never passed, and the help names the setting that fixes it.
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto report = nlohmann::json::parse(r.out);
  EXPECT_EQ(finding(report, "migration-failed"), nullptr) << r.out;
  const nlohmann::json* f = finding(report, "history-failed");
  ASSERT_NE(f, nullptr) << r.out;
  EXPECT_EQ((*f)["file"], "migrations/001_accounts.sql");
  EXPECT_EQ((*f)["severity"], "warning");
  EXPECT_EQ((*f)["message"],
            "history migration failed: schema \"app\" does not exist (SQLSTATE 3F000); the "
            "change's migrations were linted but not round-tripped");
  EXPECT_NE((*f)["help"].get<std::string>().find("[roundtrip] setup"), std::string::npos);
  ASSERT_EQ(report["roundtrip"].size(), 1u);
  EXPECT_EQ(report["roundtrip"][0]["status"], "skipped");
  auto md = test::run_schemagate({"check", "--base", "main", "--repo", repo.dir(), "--format",
                                  "markdown"});
  EXPECT_NE(md.out.find("⚠️ INCOMPLETE: not round-tripped"), std::string::npos) << md.out;
  // The project that wants a failing history to fail the check says so.
  repo.commit_on_main(".schemagate.toml", "[rules]\nhistory-failed = \"error\"\n");
  EXPECT_EQ(test::run_schemagate({"check", "--base", "main", "--repo", repo.dir()}).exit_code, 1);
}

TEST(Containment, ASetupScriptChangedByThePullRequestRunsAsTheBaseHasIt) {
  GitFixture repo;
  make_history_needing_setup(repo);
  repo.write(".schemagate.toml", "[roundtrip]\nsetup = [\"db/setup.sql\"]\n");
  repo.commit("001");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("db/setup.sql",
             "CREATE ROLE app_owner;\nCREATE ROLE app_reader;\n"
             "CREATE SCHEMA app AUTHORIZATION app_owner;\n"
             "COPY (SELECT 1) TO PROGRAM 'true';\n");
  repo.write("migrations/002_t.sql", "CREATE TABLE app.t (id int);\n");
  repo.write("migrations/rollback/002_rollback.sql", "DROP TABLE app.t;\n");
  repo.commit("002");
  auto r = test::run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("note: [roundtrip] setup db/setup.sql differs in this change: the merge "
                       "base's version ran"),
            std::string::npos)
      << r.err;
}

TEST(Containment, ATrustedExtensionNeedsNoSetting) {
  GitFixture repo;
  repo.write("migrations/001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
  repo.write("migrations/rollback/001_rollback.sql", "DROP TABLE accounts;\n");
  repo.commit("001");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("migrations/002_crypto.sql",
             "CREATE EXTENSION IF NOT EXISTS pgcrypto;\nCREATE EXTENSION IF NOT EXISTS pg_trgm;\n");
  repo.write("migrations/rollback/002_rollback.sql",
             "DROP EXTENSION pg_trgm;\nDROP EXTENSION pgcrypto;\n");
  repo.commit("002");
  auto r = test::run_schemagate({"check", "--base", "main", "--repo", repo.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("roundtrip 002_crypto: ok"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace sg
