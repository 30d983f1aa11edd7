// The checksums the tools record, against values computed independently with python3:
//   import zlib, re
//   def flyway(b):                       # BOM dropped, lines without their terminators
//       if b.startswith(b'\xef\xbb\xbf'): b = b[3:]
//       c = 0
//       for line in re.split(rb'\r\n|\r|\n', b): c = zlib.crc32(line, c)
//       return c - (1 << 32) if c >= 1 << 31 else c
//   hashlib.sha256(b).hexdigest()        # Prisma
#include <gtest/gtest.h>

#include "gate/checksum.h"

namespace sg {
namespace {

TEST(FlywayChecksum, CrcOfTheLinesWithoutTheirTerminators) {
  EXPECT_EQ(flyway_checksum("CREATE TABLE users (id bigint PRIMARY KEY);\n"), 1812668543);
  EXPECT_EQ(flyway_checksum("ALTER TABLE users ADD COLUMN email text;\n"), -596222700);
}

TEST(FlywayChecksum, StoredAsSignedInt32) {
  // zlib.crc32 gives 2788544131 here; flyway_schema_history holds it as an int.
  EXPECT_EQ(flyway_checksum("CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN email text;\n"),
            -1506423165);
  EXPECT_EQ(flyway_checksum("SELECT 1;\n\nSELECT 2;"), -1665099012);
}

TEST(FlywayChecksum, LineEndingsAndByteOrderMarkDoNotCount) {
  EXPECT_EQ(flyway_checksum("CREATE TABLE users (id bigint PRIMARY KEY);\r\n"), 1812668543);
  EXPECT_EQ(flyway_checksum("CREATE TABLE users (id bigint PRIMARY KEY);\r"), 1812668543);
  EXPECT_EQ(flyway_checksum("\xEF\xBB\xBF" "CREATE TABLE users (id bigint PRIMARY KEY);\n"),
            1812668543);
  EXPECT_EQ(flyway_checksum("SELECT 1;\r\n\r\nSELECT 2;"), -1665099012);
  EXPECT_EQ(flyway_checksum(""), 0);
}

TEST(PrismaChecksum, Sha256HexOfTheFile) {
  EXPECT_EQ(prisma_checksum("CREATE TABLE users (id bigint PRIMARY KEY);\n"),
            "3456c330330e5584db1ea42d855fe843569a61c7c200bd34b52f8f9c03b28f0d");
  EXPECT_EQ(prisma_checksum(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace sg
