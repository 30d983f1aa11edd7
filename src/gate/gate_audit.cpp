#include "gate/gate_audit.h"

#include <algorithm>

#include "util/join.h"
#include "util/sha256.h"

namespace sg {

nlohmann::json gate_audit_record(const GateResult& result, const std::vector<GateTrack>& tracks,
                                 const AuditContext& context) {
  nlohmann::json blockers = nlohmann::json::array();
  for (const auto& b : result.blockers) blockers.push_back(b.reason);
  nlohmann::json migrations = nlohmann::json::array();
  for (const auto& p : result.plan) {
    nlohmann::json entry = {
        {"migration", p.migration != nullptr ? p.migration->id : p.label},
        {"version", p.label},
        {"file", p.file},
        {"risk", to_string(p.risk)},
        {"up_sha256", sha256_hex(p.content)},
        {"rollback_file",
         p.rollback_file.empty() ? nlohmann::json() : nlohmann::json(p.rollback_file)},
    };
    if (!p.track.empty()) entry["track"] = p.track;
    migrations.push_back(std::move(entry));
  }
  std::vector<std::string> tables;  // tracks may share one
  nlohmann::json named = nlohmann::json::array();
  for (const auto& t : tracks) {
    if (!t.selected) continue;
    if (std::find(tables.begin(), tables.end(), t.status->table) == tables.end()) {
      tables.push_back(t.status->table);
    }
    if (!t.name.empty()) {
      named.push_back({{"track", t.name},
                       {"tracking_table", t.status->table},
                       {"rows_where", t.status->rows_where}});
    }
  }
  nlohmann::json record = {
      {"timestamp", context.timestamp},
      {"executor", context.executor},
      {"action", "gate"},
      {"environment", context.environment},
      {"database", context.database},
      {"tracking_table", join(tables, ", ")},
      {"justification", context.justification},
      {"status", result.passed() ? "success" : "failure"},
      {"verdict", result.passed() ? "pass" : "blocked"},
      {"blockers", std::move(blockers)},
      {"skipped_checks", result.skipped_checks},
      {"migrations", std::move(migrations)},
  };
  if (!named.empty()) record["tracks"] = std::move(named);
  return record;
}

}  // namespace sg
