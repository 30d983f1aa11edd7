// Secrets registered from the environment and from connection strings come out as ***.
#include "util/redact.h"

#include <gtest/gtest.h>

#include <sstream>

namespace sg {
namespace {

class Redact : public ::testing::Test {
 protected:
  void TearDown() override { clear_secrets(); }
};

TEST_F(Redact, ReplacesEveryOccurrenceOfASecret) {
  add_secret("ghp_abc123");
  EXPECT_EQ(redact("token ghp_abc123 and ghp_abc123!"), "token *** and ***!");
}

TEST_F(Redact, IgnoresValuesTooShortToBeSecrets) {
  add_secret("ab");
  EXPECT_EQ(redact("ab cab"), "ab cab");
}

TEST_F(Redact, TakesThePasswordOfAUrlInEveryEncoding) {
  add_connection_secret("postgresql://app:p%40ss%2Fw0rd@db.internal:5432/app?sslmode=require");
  EXPECT_EQ(redact("failed for p@ss/w0rd"), "failed for ***");
  EXPECT_EQ(redact("url postgresql://app:p%40ss%2Fw0rd@db"), "url postgresql://app:***@db");
  EXPECT_EQ(redact("app db.internal"), "app db.internal");
}

TEST_F(Redact, TakesThePasswordOfAKeywordConnectionString) {
  add_connection_secret("host=db user=app password='it\\'s secret' dbname=app");
  EXPECT_EQ(redact("it's secret"), "***");
  add_connection_secret("host=db password=plainpass dbname=app");
  EXPECT_EQ(redact("plainpass"), "***");
  add_connection_secret("postgresql:///app?host=/tmp&password=querypass&user=x");
  EXPECT_EQ(redact("querypass"), "***");
}

TEST_F(Redact, JsonStringsAndKeysAreRedacted) {
  add_secret("s3cr3t-value");
  nlohmann::json j = {{"a", "x s3cr3t-value"}, {"s3cr3t-value", {1, "s3cr3t-value"}}};
  redact_json(j);
  EXPECT_EQ(j.dump(), R"({"***":[1,"***"],"a":"x ***"})");
}

TEST_F(Redact, AStreamRedactsASecretWrittenInPieces) {
  add_secret("split-secret");
  std::ostringstream sink;
  {
    RedactingStreambuf buf(sink.rdbuf());
    std::ostream out(&buf);
    out << "a split-" << std::flush << "secret b\nsplit-sec";
    out << "ret";
  }
  EXPECT_EQ(sink.str(), "a *** b\n***");
}

}  // namespace
}  // namespace sg
