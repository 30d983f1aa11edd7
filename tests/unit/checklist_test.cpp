// The checklist grows with the risk, adds compliance items only where configured, and ticks
// only what schemagate verified, with its evidence.
#include "assess/checklist.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace sg {
namespace {

std::vector<std::string> ids(const std::vector<CheckedItem>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.id);
  return out;
}

const CheckedItem& item(const std::vector<CheckedItem>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const auto& i) { return i.id == id; });
  if (it == items.end()) throw std::runtime_error("no item " + id);
  return *it;
}

MigrationRoundTrip good_roundtrip() {
  MigrationRoundTrip rt;
  rt.migration = "001";
  rt.status = "ok";
  rt.server_version = "15.18";
  rt.steps = {{"up", true, 120, ""}, {"down", true, 40, ""}, {"reapply", true, 52, ""}};
  StatementTrace statement;
  statement.ms = 118;
  rt.trace.statements = {statement};
  return rt;
}

TEST(Checklist, LowRiskIsShortAndTicksVerifiedItems) {
  MigrationRoundTrip rt = good_roundtrip();
  MigrationAssessment m;
  m.risk = Risk::kLow;
  m.down_path = "rollback/001_rollback.sql";
  m.roundtrip = &rt;
  auto items = build_checklist(m);
  EXPECT_EQ(ids(items),
            (std::vector<std::string>{"purpose", "rollback-file", "static-checks", "tested-fresh",
                                      "rollback-tested", "no-blocking-lock", "technical-review"}));
  EXPECT_TRUE(item(items, "rollback-tested").done);
  EXPECT_EQ(item(items, "rollback-tested").evidence,
            "rollback restores the schema exactly: up, down, up on PostgreSQL 15.18, 212 ms");
  EXPECT_EQ(item(items, "tested-fresh").evidence,
            "applied on a fresh database on PostgreSQL 15.18, 120 ms");
  EXPECT_EQ(item(items, "no-blocking-lock").evidence,
            "lock trace on PostgreSQL 15.18: no lock blocking reads or writes on an existing table "
            "(0 locks on 1 statement traced)");
  EXPECT_FALSE(item(items, "purpose").done);
  EXPECT_FALSE(item(items, "technical-review").done);
}

TEST(Checklist, FailedOrMissingRoundTripTicksNothingItCannotProve) {
  MigrationRoundTrip rt = good_roundtrip();
  rt.schema_diff = {"- fax text"};
  MigrationAssessment m;
  m.risk = Risk::kLow;
  m.roundtrip = &rt;
  auto items = build_checklist(m);
  EXPECT_FALSE(item(items, "rollback-tested").done);
  EXPECT_FALSE(item(items, "rollback-file").done);
  m.roundtrip = nullptr;
  items = build_checklist(m);
  EXPECT_FALSE(item(items, "tested-fresh").done);
  EXPECT_FALSE(item(items, "no-blocking-lock").done);
}

TEST(Checklist, HighRiskAddsApprovalsByNameAndComplianceItems) {
  MigrationAssessment m;
  m.risk = Risk::kHigh;
  m.approvals = {"CTO", "DBA"};
  auto plain = build_checklist(m);
  EXPECT_EQ(item(plain, "approvals").text, "Approvals obtained: CTO, DBA");
  EXPECT_NO_THROW(item(plain, "backup-restore"));
  EXPECT_NO_THROW(item(plain, "maintenance-window"));
  EXPECT_NO_THROW(item(plain, "monitoring"));
  EXPECT_THROW(item(plain, "downtime"), std::runtime_error);
  EXPECT_THROW(item(plain, "dpia"), std::runtime_error);
  m.compliance_review = true;
  EXPECT_NO_THROW(item(build_checklist(m), "dpia"));
}

TEST(Checklist, ConfigReplacesOrExtendsTheTemplate) {
  MigrationAssessment m;
  m.risk = Risk::kMedium;
  ChecklistConfig extend;
  extend.items = {{"backup", "Snapshot taken in the console", Risk::kLow, false},
                  {"ticket", "Change ticket linked", Risk::kLow, false}};
  auto items = build_checklist(m, extend);
  EXPECT_EQ(item(items, "backup").text, "Snapshot taken in the console");
  EXPECT_EQ(items.back().id, "ticket");
  ChecklistConfig replace = extend;
  replace.replace = true;
  EXPECT_EQ(ids(build_checklist(m, replace)), (std::vector<std::string>{"backup", "ticket"}));
}

}  // namespace
}  // namespace sg
