#include "gate/gate_format.h"

#include "util/join.h"

namespace sg {
namespace {

// Pipes would end a markdown table cell early.
std::string cell(std::string text) {
  for (size_t i = text.find('|'); i != std::string::npos; i = text.find('|', i + 2)) {
    text.replace(i, 1, "\\|");
  }
  return text;
}

// "schema_metadata (plain)", or with tracks "track core (schema_metadata where track =
// 'core', plain), track sponsor_a (...)" for the tracks this run deploys.
std::string where_applied(const std::vector<GateTrack>& tracks) {
  std::vector<std::string> parts;
  for (const auto& t : tracks) {
    if (!t.selected) continue;
    const TargetStatus& s = *t.status;
    std::string table = s.table + (s.rows_where.empty() ? "" : " where " + s.rows_where);
    parts.push_back(t.name.empty() ? table + " (" + s.layout + ")"
                                   : "track " + t.name + " (" + table + ", " + s.layout + ")");
  }
  return join(parts, ", ");
}

std::string plan_title(const GateResult& result, const std::vector<GateTrack>& tracks,
                       const std::string& environment) {
  size_t n = result.plan.size();
  return "deployment plan" + (environment.empty() ? "" : " for " + environment) + ": " +
         std::to_string(n) + " pending " + (n == 1 ? "migration" : "migrations") + " on " +
         where_applied(tracks);
}

std::string plan_label(const PlannedMigration& p) {
  return p.track.empty() ? p.label : p.track + " " + p.label;
}

std::string locks_or_none(const std::vector<std::string>& locks) {
  return locks.empty() ? "none on existing tables" : join(locks, ", ");
}

// Without a trace the static locks are all there is, and print as they always did.
void write_locks_text(const PlannedMigration& p, std::ostream& out) {
  if (p.traced_from.empty()) {
    out << "   locks: " << locks_or_none(p.locks) << "\n";
    return;
  }
  out << "   locks (static rules): " << locks_or_none(p.locks) << "\n";
  out << "   locks (traced by check, " << p.traced_from << "): " << locks_or_none(p.traced_locks)
      << "\n";
  for (const auto& d : p.lock_disagreements) {
    out << "   lock model and trace disagree: " << d << "\n";
  }
}

void write_locks_markdown(const PlannedMigration& p, std::ostream& out) {
  if (p.traced_from.empty()) {
    out << "- Locks: " << locks_or_none(p.locks) << "\n";
    return;
  }
  out << "- Locks (static rules): " << locks_or_none(p.locks) << "\n";
  out << "- Locks (traced by check, `" << p.traced_from << "`): " << locks_or_none(p.traced_locks)
      << "\n";
  for (const auto& d : p.lock_disagreements) {
    out << "- Lock model and trace disagree: " << d << "\n";
  }
}

}  // namespace

void write_status_text(const TargetStatus& status, std::ostream& out) {
  out << status_summary(status) << "\n";
  for (const auto& e : status.entries) out << status_line(e) << "\n";
}

void write_status_markdown(const TargetStatus& status, std::ostream& out) {
  out << "### Migration status\n\n" << status_summary(status) << "\n\n";
  out << "| State | Version | File | Detail |\n|---|---|---|---|\n";
  for (const auto& e : status.entries) {
    std::string detail = e.detail.empty() ? e.applied_at : e.detail;
    out << "| " << to_string(e.state) << " | " << cell(e.label) << " | "
        << (e.file.empty() ? "" : "`" + cell(e.file) + "`") << " | " << cell(detail) << " |\n";
  }
}

void write_gate_text(const GateResult& result, const std::vector<GateTrack>& tracks,
                     const std::string& environment, std::ostream& out) {
  if (!result.passed()) {
    for (const auto& b : result.blockers) out << "blocked: " << b.reason << "\n";
    return;
  }
  out << plan_title(result, tracks, environment) << "\n";
  int n = 0;
  for (const auto& p : result.plan) {
    out << "\n" << ++n << ". " << plan_label(p) << "  " << p.file << "  risk " << to_string(p.risk);
    if (!p.risk_reasons.empty()) out << " (" << join(p.risk_reasons, "; ") << ")";
    out << "\n   transaction: " << p.transaction_mode << "\n";
    write_locks_text(p, out);
    out << "   rollback: " << (p.rollback_file.empty() ? "none" : p.rollback_file) << "\n";
    if (!p.approvals.empty()) out << "   approvals: " << join(p.approvals, ", ") << "\n";
    out << "   checklist:\n";
    for (const auto& item : p.checklist) {
      out << "     [" << (item.done ? "x" : " ") << "] " << item.text
          << (item.done && !item.evidence.empty() ? ": " + item.evidence : "") << "\n";
    }
  }
}

void write_gate_markdown(const GateResult& result, const std::vector<GateTrack>& tracks,
                         const std::string& environment, std::ostream& out) {
  if (!result.passed()) {
    out << "### Deployment gate: BLOCKED\n\n";
    for (const auto& b : result.blockers) out << "- " << b.reason << "\n";
    return;
  }
  out << "### Deployment gate: PASS\n\n" << plan_title(result, tracks, environment) << "\n";
  int n = 0;
  for (const auto& p : result.plan) {
    out << "\n#### " << ++n << ". " << plan_label(p) << " `" << p.file << "` - risk "
        << to_string(p.risk) << "\n\n";
    if (!p.risk_reasons.empty()) out << "- Why: " << join(p.risk_reasons, "; ") << "\n";
    out << "- Transaction: " << p.transaction_mode << "\n";
    write_locks_markdown(p, out);
    out << "- Rollback: " << (p.rollback_file.empty() ? "none" : "`" + p.rollback_file + "`")
        << "\n";
    if (!p.approvals.empty()) out << "- Approvals: " << join(p.approvals, ", ") << "\n";
    out << "\n";
    for (const auto& item : p.checklist) {
      out << "- [" << (item.done ? "x" : " ") << "] " << item.text
          << (item.done && !item.evidence.empty() ? ": " + item.evidence : "") << "\n";
    }
  }
}

}  // namespace sg
