// Default severities from rules.def as a user meets them: an off rule stays silent, a warning
// passes, an error fails the check.
#include <gtest/gtest.h>

#include "test_support.h"

namespace sg {
namespace {

TEST(DefaultSeverityCli, OffRulesAreSilentAndServerSideCopyFailsTheCheck) {
  test::TempDir dir;
  auto file = dir.write("004_import.sql",
                        "CREATE TABLE app.codes (\n"
                        "  code varchar(20),\n"  // prefer-text-field is off by default
                        "  loaded_at timestamp\n"
                        ");\n"
                        "COPY app.codes FROM '/tmp/codes.csv';\n");
  auto r = test::run_schemagate({"lint", file.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, file.string() +
                       ":3:3: warning: column app.codes.loaded_at is timestamp without time "
                       "zone: its values carry no time zone [prefer-timestamptz]\n"
                       "  help: use timestamptz (timestamp with time zone)\n" +
                       file.string() +
                       ":5:1: error: COPY app.codes FROM '/tmp/codes.csv' reads a file on the "
                       "database server [unsafe-server-side-io]\n"
                       "  help: use COPY ... FROM STDIN (psql's \\copy) so the data goes "
                       "through the client\n" +
                       file.string() +
                       ": risk CRITICAL (unsafe-server-side-io at line 5) - approvals: Executive "
                       "Team\n"
                       "1 error, 1 warning in 1 file\n");
}

}  // namespace
}  // namespace sg
