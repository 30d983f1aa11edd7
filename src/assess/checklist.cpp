#include "assess/checklist.h"

#include <algorithm>
#include <cmath>

#include "util/join.h"

namespace sg {
namespace {

const StepResult* step(const MigrationRoundTrip& roundtrip, const std::string& name) {
  for (const auto& s : roundtrip.steps) {
    if (s.step == name) return &s;
  }
  return nullptr;
}

bool step_ok(const StepResult* s) { return s != nullptr && s->ok; }

long long rounded_ms(double ms) { return std::llround(ms); }

long long total_ms(const MigrationRoundTrip& roundtrip) {
  long long ms = 0;
  for (const auto& s : roundtrip.steps) ms += rounded_ms(s.ms);
  return ms;
}

std::string on_server(const MigrationRoundTrip& roundtrip) {
  return roundtrip.server_version.empty() ? "" : " on PostgreSQL " + roundtrip.server_version;
}

bool blocks_reads_or_writes(const TracedLock& lock) {
  return lock.kind == "table" && is_blocking(lock.mode);
}

// Only a trace that saw every statement of up can vouch for the absence of a lock.
std::string lock_evidence(const MigrationRoundTrip& rt) {
  const LockTrace& trace = rt.trace;
  if (!trace.note.empty()) return "";
  if (std::any_of(trace.locks.begin(), trace.locks.end(), blocks_reads_or_writes)) return "";
  size_t locks = trace.locks.size();
  size_t statements = trace.statements.size();
  return "lock trace" + on_server(rt) +
         ": no lock blocking reads or writes on an existing table (" + std::to_string(locks) +
         (locks == 1 ? " lock" : " locks") + " on " + std::to_string(statements) +
         (statements == 1 ? " statement" : " statements") + " traced)";
}

// The evidence for an item schemagate checked itself, or "" when it did not (or it failed).
std::string evidence(const std::string& id, const MigrationAssessment& m) {
  const MigrationRoundTrip* rt = m.roundtrip;
  if (id == "rollback-file" && !m.down_path.empty()) return m.down_path;
  if (id == "static-checks") {
    for (const auto* f : m.findings) {
      if (!f->suppressed && f->severity == Severity::kError) return "";
    }
    return "no unsuppressed error findings from the PostgreSQL parser and schemagate's rules";
  }
  if (rt == nullptr || rt->status != "ok") return "";
  const StepResult* up = step(*rt, "up");
  if (id == "tested-fresh" && step_ok(up)) {
    return "applied on a fresh database" + on_server(*rt) + ", " +
           std::to_string(rounded_ms(up->ms)) + " ms";
  }
  if (id == "rollback-tested" && step_ok(up) && step_ok(step(*rt, "down")) &&
      step_ok(step(*rt, "reapply")) && rt->schema_diff.empty()) {
    return "rollback restores the schema exactly: up, down, up" + on_server(*rt) + ", " +
           std::to_string(total_ms(*rt)) + " ms";
  }
  if (id == "no-blocking-lock" && step_ok(up)) return lock_evidence(*rt);
  return "";
}

}  // namespace

const std::vector<ChecklistItem>& default_checklist() {
  static const std::vector<ChecklistItem> kItems = {
      // Every migration (seed 000 template "Pre-Migration", seed 004 "Pre-Migration").
      {"purpose", "Migration purpose, scope and affected tables documented", Risk::kLow, false},
      {"rollback-file", "Rollback file created", Risk::kLow, false},
      {"static-checks", "Static checks pass", Risk::kLow, false},
      {"tested-fresh", "Migration tested on a development database", Risk::kLow, false},
      {"rollback-tested", "Rollback tested", Risk::kLow, false},
      {"no-blocking-lock", "No blocking lock on a busy table", Risk::kLow, false},
      {"technical-review", "Technical review approval", Risk::kLow, false},
      // MEDIUM and above (seed 003 pre-migration checklist).
      {"staging", "Migration tested on staging with production-like data volume", Risk::kMedium, false},
      {"timing", "Migration time measured on staging", Risk::kMedium, false},
      {"performance", "Performance impact assessed", Risk::kMedium, false},
      {"backup", "Database backup created and verified", Risk::kMedium, false},
      {"notify", "Team and stakeholders notified of the migration schedule", Risk::kMedium, false},
      // HIGH and above (seed 003, seed 004 risk table and template).
      {"backup-restore", "Backup restoration procedure tested", Risk::kHigh, false},
      {"maintenance-window", "Maintenance window scheduled and communicated", Risk::kHigh, false},
      {"approvals", "Approvals obtained: {approvals}", Risk::kHigh, false},
      {"rollback-plan", "Rollback plan documented, rollback team on standby", Risk::kHigh, false},
      {"monitoring", "Monitoring during and after: error rate, performance, application health",
       Risk::kHigh, false},
      {"on-call", "On-call engineer assigned", Risk::kHigh, false},
      // CRITICAL (seed 004: planned downtime, executive approval).
      {"downtime", "Planned downtime announced to stakeholders", Risk::kCritical, false},
      {"emergency-contacts", "Emergency contacts confirmed", Risk::kCritical, false},
      // Compliance tables (seed 000 compliance requirements, seed 004 HIPAA).
      {"compliance-review", "Compliance review: compliance officer sign-off", Risk::kLow, true},
      {"dpia", "Data privacy impact assessment documented, privacy officer sign-off", Risk::kLow, true},
      {"encryption", "Encryption at rest and in transit verified, access controls tested", Risk::kLow,
       true},
      {"access-logging", "Query logging enabled during the migration, access logs reviewed", Risk::kLow,
       true},
      {"retention", "Backups and audit trail retained 7 years (PHI-related schema change)", Risk::kLow,
       true},
      {"audit-trail", "Audit trail integrity verified after the migration", Risk::kLow, true},
  };
  return kItems;
}

std::vector<CheckedItem> build_checklist(const MigrationAssessment& migration,
                                         const ChecklistConfig& config) {
  std::vector<ChecklistItem> items;
  if (!config.replace) items = default_checklist();
  for (const auto& extra : config.items) {
    auto same = std::find_if(items.begin(), items.end(),
                             [&](const ChecklistItem& i) { return i.id == extra.id; });
    if (same != items.end()) {
      *same = extra;
    } else {
      items.push_back(extra);
    }
  }
  std::string approvals = migration.approvals.empty()
                              ? "as required for " + std::string(to_string(migration.risk)) + " risk"
                              : join(migration.approvals, ", ");
  std::vector<CheckedItem> out;
  for (const auto& item : items) {
    if (item.min_risk > migration.risk) continue;
    if (item.compliance_only && !migration.compliance_review) continue;
    CheckedItem c;
    c.id = item.id;
    c.text = item.text;
    auto pos = c.text.find("{approvals}");
    if (pos != std::string::npos) c.text.replace(pos, 11, approvals);
    c.evidence = evidence(item.id, migration);
    c.done = !c.evidence.empty();
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace sg
