#include "gate/traced_locks.h"

namespace sg {
namespace {

std::string text_of(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

long long number_of(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<long long>() : 0;
}

// A trace with a note missed part of what the migration did: listing it as the locks to
// expect would understate them.
bool has_complete_trace(const nlohmann::json& roundtrip) {
  return roundtrip.is_object() && roundtrip.contains("locks") && roundtrip["locks"].is_array() &&
         text_of(roundtrip, "lock_trace_note").empty();
}

}  // namespace

std::string describe_traced_lock(const nlohmann::json& lock) {
  std::string out = text_of(lock, "mode") + " on " + text_of(lock, "kind") + " " +
                    text_of(lock, "relation");
  std::string blocks = text_of(lock, "blocks");
  if (!blocks.empty()) out += " (blocks " + blocks + ")";
  return out + ", held " + std::to_string(number_of(lock, "held_ms")) + " ms (line " +
         std::to_string(number_of(lock, "statement_line")) + ")";
}

void attach_traced_locks(PlannedMigration& p, const RecordedRoundTrip& record) {
  if (!has_complete_trace(record.roundtrip)) return;
  const nlohmann::json& roundtrip = record.roundtrip;
  p.traced_from = record.where;
  for (const auto& lock : roundtrip["locks"]) {
    if (lock.is_object()) p.traced_locks.push_back(describe_traced_lock(lock));
  }
  // The check compared the trace with the static model already; its verdict is reused so the
  // plan and the pull-request report can never disagree about the disagreement.
  auto disagreements = roundtrip.find("lock_disagreements");
  if (disagreements == roundtrip.end() || !disagreements->is_array()) return;
  for (const auto& d : *disagreements) {
    if (!d.is_object()) continue;
    p.lock_disagreements.push_back("line " + std::to_string(number_of(d, "line")) + ": " +
                                   text_of(d, "detail"));
  }
}

}  // namespace sg
