#include "db/lock_trace_output.h"

#include <cmath>

#include "core/json_read.h"
#include "db/lock_modes.h"

namespace sg {

void add_lock_trace_json(const MigrationRoundTrip& m, nlohmann::json& entry) {
  nlohmann::json statements = nlohmann::json::array();
  for (const auto& s : m.trace.statements) {
    statements.push_back({{"line", s.position.line}, {"ms", std::lround(s.ms)}});
  }
  nlohmann::json locks = nlohmann::json::array();
  for (const auto& l : m.trace.locks) {
    locks.push_back({{"statement_line", l.statement.line},
                     {"relation", l.relation},
                     {"kind", l.kind},
                     {"mode", std::string(lock_mode_name(l.mode))},
                     {"blocks", std::string(lock_blocks(l.mode))},
                     {"held_ms", std::lround(l.held_ms)},
                     {"predicted", l.predicted}});
  }
  nlohmann::json disagreements = nlohmann::json::array();
  for (const auto& d : m.lock_disagreements) {
    disagreements.push_back(
        {{"file", d.file}, {"line", d.line}, {"kind", d.kind}, {"detail", d.detail}});
  }
  entry["statements"] = std::move(statements);
  entry["locks"] = std::move(locks);
  entry["lock_disagreements"] = std::move(disagreements);
  if (!m.trace.note.empty()) entry["lock_trace_note"] = m.trace.note;
}

void read_lock_trace_json(const nlohmann::json& entry, MigrationRoundTrip& m) {
  for (const auto& s : json_array(entry, "statements")) {
    StatementTrace st;
    st.position.line = static_cast<int>(json_number(s, "line", 1));
    st.ms = json_number(s, "ms");
    m.trace.statements.push_back(std::move(st));
  }
  for (const auto& l : json_array(entry, "locks")) {
    TracedLock lock;
    lock.statement.line = static_cast<int>(json_number(l, "statement_line", 1));
    lock.relation = json_string(l, "relation");
    lock.kind = json_string(l, "kind");
    lock.mode = parse_lock_mode(json_string(l, "mode")).value_or(LockMode::kAccessShare);
    lock.held_ms = json_number(l, "held_ms");
    lock.predicted = !l.contains("predicted") || json_bool(l, "predicted");
    m.trace.locks.push_back(std::move(lock));
  }
  for (const auto& d : json_array(entry, "lock_disagreements")) {
    m.lock_disagreements.push_back({json_string(d, "file"),
                                    static_cast<int>(json_number(d, "line")),
                                    json_string(d, "kind"), json_string(d, "detail"),
                                    0, ""});
  }
  m.trace.note = json_string(entry, "lock_trace_note");
  // A saved entry without its trace (an older report) cannot vouch for the absence of a lock.
  bool saved = entry.is_object() && entry.contains("statements") && entry.contains("locks");
  if (!saved && m.trace.note.empty()) m.trace.note = "the saved report holds no lock trace";
}

void write_lock_trace_text(const MigrationRoundTrip& m, std::ostream& out) {
  for (const auto& l : m.trace.locks) {
    out << "  lock    line " << l.statement.line << ": " << lock_mode_name(l.mode) << " on "
        << l.kind << " " << l.relation << " (blocks " << lock_blocks(l.mode) << "), held "
        << std::lround(l.held_ms) << " ms\n";
  }
  for (const auto& d : m.lock_disagreements) {
    out << "  " << d.kind << " " << d.file << ":" << d.line << ": " << d.detail << "\n";
  }
  if (!m.trace.note.empty()) out << "  " << m.trace.note << "\n";
}

}  // namespace sg
