// .schemagate.toml's [roundtrip] table: rehearse_rows, its errors verbatim, and the dump.
#include <gtest/gtest.h>

#include "config/config.h"

namespace sg {
namespace {

TEST(ConfigRoundTrip, RehearseRowsIsReadDefaultsToOffAndIsDumped) {
  ConfigResult none = parse_config("", ".schemagate.toml");
  ASSERT_TRUE(none.config);
  EXPECT_EQ(none.config->rehearse_rows, 0);
  ConfigResult r = parse_config("[roundtrip]\nrehearse_rows = 1000\n", ".schemagate.toml");
  ASSERT_TRUE(r.config) << r.errors.front();
  EXPECT_EQ(r.config->rehearse_rows, 1000);
  std::string dump = dump_config(*r.config);
  EXPECT_NE(dump.find("\n[roundtrip]\nmigrations_as_superuser = false\nrehearse_rows = 1000\n"
                      "setup = []\nsuperuser_extensions = []\n"),
            std::string::npos)
      << dump;
  ConfigResult back = parse_config(dump, "dump.toml");
  ASSERT_TRUE(back.config) << back.errors.front();
  EXPECT_EQ(back.config->rehearse_rows, 1000);
}

TEST(ConfigRoundTrip, SuperuserSettingsAreReadAndDumped) {
  ConfigResult r = parse_config(
      "[roundtrip]\nsetup = [\"db/init.sql\"]\nsuperuser_extensions = [\"postgis\"]\n"
      "migrations_as_superuser = true\n",
      ".schemagate.toml");
  ASSERT_TRUE(r.config) << r.errors.front();
  EXPECT_EQ(r.config->setup, std::vector<std::string>{"db/init.sql"});
  EXPECT_EQ(r.config->superuser_extensions, std::vector<std::string>{"postgis"});
  EXPECT_TRUE(r.config->migrations_as_superuser);
  ConfigResult back = parse_config(dump_config(*r.config), "dump.toml");
  ASSERT_TRUE(back.config) << back.errors.front();
  EXPECT_EQ(back.config->setup, r.config->setup);
  EXPECT_EQ(back.config->superuser_extensions, r.config->superuser_extensions);
  EXPECT_TRUE(back.config->migrations_as_superuser);
  ConfigResult bad = parse_config(
      "[roundtrip]\nsetup = \"db/init.sql\"\nmigrations_as_superuser = \"yes\"\n", "x.toml");
  EXPECT_EQ(bad.errors,
            (std::vector<std::string>{
                "x.toml:2:9: roundtrip.setup: expected an array of strings, got \"db/init.sql\"",
                "x.toml:3:27: roundtrip.migrations_as_superuser: expected true or false, got "
                "\"yes\""}));
}

TEST(ConfigRoundTrip, BadValuesAndUnknownKeysSayWhereAndWhat) {
  ConfigResult r = parse_config(
      "[roundtrip]\nrehearse_rows = -5\nrehearse_row = 3\n\n[roundtrip2]\n", ".schemagate.toml");
  EXPECT_FALSE(r.config);
  EXPECT_EQ(r.errors,
            (std::vector<std::string>{
                ".schemagate.toml:2:17: roundtrip.rehearse_rows: expected an integer from 0 to "
                "100000000, got -5",
                ".schemagate.toml:3:1: roundtrip.rehearse_row: unknown key; did you mean "
                "'rehearse_rows'?",
                ".schemagate.toml:5:2: roundtrip2: unknown key; did you mean 'roundtrip'?"}));
  ConfigResult text = parse_config("roundtrip = 3\n", ".schemagate.toml");
  EXPECT_EQ(
      text.errors,
      (std::vector<std::string>{".schemagate.toml:1:13: roundtrip: expected a table, got 3"}));
  ConfigResult string = parse_config("[roundtrip]\nrehearse_rows = \"many\"\n", "x.toml");
  EXPECT_EQ(string.errors,
            (std::vector<std::string>{"x.toml:2:17: roundtrip.rehearse_rows: expected an integer "
                                      "from 0 to 100000000, got \"many\""}));
}

}  // namespace
}  // namespace sg
