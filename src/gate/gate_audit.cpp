#include "gate/gate_audit.h"

#include "util/sha256.h"

namespace sg {

nlohmann::json gate_audit_record(const GateResult& result, const TargetStatus& status,
                                 const AuditContext& context) {
  nlohmann::json blockers = nlohmann::json::array();
  for (const auto& b : result.blockers) blockers.push_back(b.reason);
  nlohmann::json migrations = nlohmann::json::array();
  for (const auto& p : result.plan) {
    migrations.push_back({
        {"migration", p.migration != nullptr ? p.migration->id : p.label},
        {"version", p.label},
        {"file", p.file},
        {"risk", to_string(p.risk)},
        {"up_sha256", sha256_hex(p.content)},
        {"rollback_file",
         p.rollback_file.empty() ? nlohmann::json() : nlohmann::json(p.rollback_file)},
    });
  }
  return {
      {"timestamp", context.timestamp},
      {"executor", context.executor},
      {"action", "gate"},
      {"environment", context.environment},
      {"database", context.database},
      {"tracking_table", status.table},
      {"justification", context.justification},
      {"status", result.passed() ? "success" : "failure"},
      {"verdict", result.passed() ? "pass" : "blocked"},
      {"blockers", std::move(blockers)},
      {"migrations", std::move(migrations)},
  };
}

}  // namespace sg
