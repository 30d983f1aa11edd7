#include "report/checklist.h"

#include <algorithm>

#include "util/join.h"

namespace sg {
namespace {

const nlohmann::json* step(const nlohmann::json& roundtrip, const std::string& name, int nth) {
  auto steps = roundtrip.find("steps");
  if (steps == roundtrip.end() || !steps->is_array()) return nullptr;
  for (const auto& s : *steps) {
    if (str(s, "step") == name && nth-- == 0) return &s;
  }
  return nullptr;
}

bool step_ok(const nlohmann::json* s) { return s != nullptr && s->value("ok", false); }

long long total_ms(const nlohmann::json& roundtrip) {
  long long ms = 0;
  auto steps = roundtrip.find("steps");
  if (steps != roundtrip.end() && steps->is_array()) {
    for (const auto& s : *steps) ms += num(s, "ms");
  }
  return ms;
}

bool schema_diff_empty(const nlohmann::json& roundtrip) {
  auto d = roundtrip.find("schema_diff");
  return d == roundtrip.end() || d->is_null() || d->empty() ||
         (d->is_string() && d->get<std::string>().empty());
}

std::string on_server(const nlohmann::json& roundtrip) {
  std::string version = str(roundtrip, "server_version");
  return version.empty() ? "" : " on PostgreSQL " + version;
}

// SHARE and stronger conflict with the ROW EXCLUSIVE lock of every write.
bool blocks_reads_or_writes(const nlohmann::json& lock) {
  static const char* const kBlocking[] = {"SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE",
                                          "ACCESS EXCLUSIVE"};
  if (str(lock, "kind") != "table") return false;
  std::string mode = str(lock, "mode");
  return std::any_of(std::begin(kBlocking), std::end(kBlocking),
                     [&](const char* m) { return mode == m; });
}

// Only a trace that saw every statement of up can vouch for the absence of a lock.
std::string lock_evidence(const nlohmann::json& rt) {
  auto locks = rt.find("locks");
  auto statements = rt.find("statements");
  if (locks == rt.end() || !locks->is_array() || statements == rt.end() ||
      !statements->is_array() || !str(rt, "lock_trace_note").empty()) {
    return "";
  }
  if (std::any_of(locks->begin(), locks->end(), blocks_reads_or_writes)) return "";
  return "lock trace" + on_server(rt) +
         ": no lock blocking reads or writes on an existing table (" +
         std::to_string(locks->size()) + (locks->size() == 1 ? " lock" : " locks") + " on " +
         std::to_string(statements->size()) +
         (statements->size() == 1 ? " statement" : " statements") + " traced)";
}

// The evidence for an item schemagate checked itself, or "" when it did not (or it failed).
std::string evidence(const std::string& id, const MigrationView& m) {
  const nlohmann::json* rt = m.roundtrip;
  if (id == "rollback-file" && !m.down_path.empty()) return m.down_path;
  if (id == "static-checks") {
    for (const auto* f : m.findings) {
      if (!f->value("suppressed", false) && str(*f, "severity") == "error") return "";
    }
    return "no unsuppressed error findings from the PostgreSQL parser and schemagate's rules";
  }
  if (rt == nullptr || str(*rt, "status", "ok") != "ok") return "";
  if (id == "tested-fresh" && step_ok(step(*rt, "up", 0))) {
    return "applied on a fresh database" + on_server(*rt) + ", " +
           std::to_string(num(*step(*rt, "up", 0), "ms")) + " ms";
  }
  if (id == "rollback-tested" && step_ok(step(*rt, "up", 0)) && step_ok(step(*rt, "down", 0)) &&
      step_ok(step(*rt, "reapply", 0)) && schema_diff_empty(*rt)) {
    return "rollback restores the schema exactly: up, down, up" + on_server(*rt) + ", " +
           std::to_string(total_ms(*rt)) + " ms";
  }
  if (id == "no-blocking-lock" && step_ok(step(*rt, "up", 0))) return lock_evidence(*rt);
  return "";
}

}  // namespace

const std::vector<ChecklistItem>& default_checklist() {
  static const std::vector<ChecklistItem> kItems = {
      // Every migration (seed 000 template "Pre-Migration", seed 004 "Pre-Migration").
      {"purpose", "Migration purpose, scope and affected tables documented", "LOW", false},
      {"rollback-file", "Rollback file created", "LOW", false},
      {"static-checks", "Static checks pass", "LOW", false},
      {"tested-fresh", "Migration tested on a development database", "LOW", false},
      {"rollback-tested", "Rollback tested", "LOW", false},
      {"no-blocking-lock", "No blocking lock on a busy table", "LOW", false},
      {"technical-review", "Technical review approval", "LOW", false},
      // MEDIUM and above (seed 003 pre-migration checklist).
      {"staging", "Migration tested on staging with production-like data volume", "MEDIUM", false},
      {"timing", "Migration time measured on staging", "MEDIUM", false},
      {"performance", "Performance impact assessed", "MEDIUM", false},
      {"backup", "Database backup created and verified", "MEDIUM", false},
      {"notify", "Team and stakeholders notified of the migration schedule", "MEDIUM", false},
      // HIGH and above (seed 003, seed 004 risk table and template).
      {"backup-restore", "Backup restoration procedure tested", "HIGH", false},
      {"maintenance-window", "Maintenance window scheduled and communicated", "HIGH", false},
      {"approvals", "Approvals obtained: {approvals}", "HIGH", false},
      {"rollback-plan", "Rollback plan documented, rollback team on standby", "HIGH", false},
      {"monitoring", "Monitoring during and after: error rate, performance, application health",
       "HIGH", false},
      {"on-call", "On-call engineer assigned", "HIGH", false},
      // CRITICAL (seed 004: planned downtime, executive approval).
      {"downtime", "Planned downtime announced to stakeholders", "CRITICAL", false},
      {"emergency-contacts", "Emergency contacts confirmed", "CRITICAL", false},
      // Compliance tables (seed 000 compliance requirements, seed 004 HIPAA).
      {"compliance-review", "Compliance review: compliance officer sign-off", "LOW", true},
      {"dpia", "Data privacy impact assessment documented, privacy officer sign-off", "LOW", true},
      {"encryption", "Encryption at rest and in transit verified, access controls tested", "LOW",
       true},
      {"access-logging", "Query logging enabled during the migration, access logs reviewed", "LOW",
       true},
      {"retention", "Backups and audit trail retained 7 years (PHI-related schema change)", "LOW",
       true},
      {"audit-trail", "Audit trail integrity verified after the migration", "LOW", true},
  };
  return kItems;
}

std::vector<CheckedItem> build_checklist(const MigrationView& migration,
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
                              ? "as required for " + migration.risk + " risk"
                              : join(migration.approvals, ", ");
  std::vector<CheckedItem> out;
  for (const auto& item : items) {
    if (risk_rank(item.min_risk) > risk_rank(migration.risk)) continue;
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
