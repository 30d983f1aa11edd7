#include "gate/plan_evidence.h"

#include "gate/traced_locks.h"
#include "util/join.h"

namespace sg {
namespace {

void tick(PlannedMigration& p, const std::string& id, const std::string& evidence) {
  for (auto& item : p.checklist) {
    if (item.id == id && !item.done) {
      item.done = true;
      item.evidence = evidence;
    }
  }
}

// A saved report holds the check's whole round trip, so the checklist reads it exactly as the
// pull-request comment did; an audit record only says that it passed.
void tick_from_record(PlannedMigration& p, const RecordedRoundTrip& record) {
  std::string from = " (recorded in " + record.where + ")";
  if (!record.roundtrip) {
    tick(p, "tested-fresh", "round trip passed for this content" + from);
    tick(p, "rollback-tested", "up, down, up restored the schema exactly" + from);
    return;
  }
  for (const auto& item : build_checklist(assessment_of(p, &*record.roundtrip))) {
    if (item.done) tick(p, item.id, item.evidence + from);
  }
}

void tick_from_approvals(PlannedMigration& p, const ApprovalCheck& check) {
  if (check.required.empty() || !check.missing.empty()) return;
  std::vector<std::string> who;
  for (const auto& a : check.recorded) {
    who.push_back(a.name + " (" + a.role + ", " + a.source + ")");
  }
  std::string evidence = "approved by " + join(who, ", ");
  tick(p, "technical-review", evidence);
  tick(p, "approvals", evidence);
}

}  // namespace

void apply_evidence(std::vector<PlannedMigration>& plan,
                    const std::vector<RecordedRoundTrip>& records,
                    const std::vector<ApprovalCheck>& approvals) {
  for (auto& p : plan) {
    if (p.migration == nullptr) continue;
    RecordLookup found = find_roundtrip_record(content_hashes(*p.migration), records);
    if (found.status == RecordStatus::kPassing && found.record != nullptr) {
      attach_traced_locks(p, *found.record);
      tick_from_record(p, *found.record);
    }
    for (const auto& check : approvals) {
      if (check.file == p.file) tick_from_approvals(p, check);
    }
  }
}

}  // namespace sg
