// Every layout of layouts/layouts.def has all its pieces in its one file: claims, scan, where its
// rollback lives, and a tracking-table reader for `status` and `gate`. The test names what is
// missing.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "gate/tracking.h"
#include "layouts/layout.h"

namespace sg {
namespace {

namespace fs = std::filesystem;

std::string identifier(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

TEST(LayoutRegistry, EveryLayoutHasItsFileAndTrackingReader) {
  fs::path src = fs::path(SG_SOURCE_DIR) / "src";
  ASSERT_EQ(all_layouts().size(), 10u);
  for (const auto& layout : all_layouts()) {
    std::string id = identifier(layout.name);
    EXPECT_TRUE(fs::exists(src / "layouts" / (id + ".cpp")))
        << "layout " << layout.name << " has no src/layouts/" << id << ".cpp";
    ASSERT_NE(layout.tracking, nullptr) << "layout " << layout.name << " has no tracking reader";
    EXPECT_EQ(layout.tracking->layout, layout.name);
    EXPECT_EQ(find_tracking_reader(layout.name), layout.tracking);
    EXPECT_NE(layout.claims, nullptr);
    EXPECT_NE(layout.scan, nullptr);
    EXPECT_NE(layout.expected_rollback, nullptr);
    EXPECT_EQ(find_layout(layout.name), &layout);
  }
}

// Where each tool keeps a rollback, as missing-rollback's message names it.
TEST(LayoutRegistry, EachLayoutSaysWhereItsRollbackLives) {
  Migration m;
  m.id = "002_add_email";
  m.version = "002";
  m.name = "add_email";
  m.up = make_script("db/migrations/002_add_email.sql", "", TransactionMode::kWrappedByTool);
  auto expected = [&m](std::string_view layout) {
    return find_layout(layout)->expected_rollback(m);
  };
  EXPECT_EQ(expected("plain"), "db/migrations/rollback/002_rollback.sql");
  EXPECT_EQ(expected("golang-migrate"), "db/migrations/002_add_email.down.sql");
  EXPECT_EQ(expected("flyway"), "db/migrations/U002__add_email.sql");
  EXPECT_EQ(expected("prisma"), "db/migrations/down.sql");
  EXPECT_EQ(expected("diesel"), "db/migrations/down.sql");
  EXPECT_EQ(expected("dbmate"),
            "a `-- migrate:down` section with SQL in db/migrations/002_add_email.sql");
  EXPECT_EQ(expected("goose"),
            "a `-- +goose Down` section with SQL in db/migrations/002_add_email.sql");
  EXPECT_EQ(expected("liquibase"), "`--rollback` lines in changeset 002");
  m.up = make_script("sqitch/deploy/002_add_email.sql", "", TransactionMode::kWrappedByTool);
  EXPECT_EQ(expected("sqitch"), "sqitch/revert/002_add_email.sql");
}

}  // namespace
}  // namespace sg
