#include "db/lock_trace_output.h"

#include <cmath>

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
                     {"held_ms", std::lround(l.held_ms)}});
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
