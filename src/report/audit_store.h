// The audit trail in PostgreSQL (--audit-database-url): schemagate brings the store's schema up
// to date with its own migrations and runner, then records the run and each checked migration.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sg {

struct AuditRun {
  std::string command;  // "check"
  std::string status;   // "success" | "failure" | "error"
};

// Returns "" or a message starting with "--audit-database-url: " (never the URL: it may hold
// a password).
std::string store_audit_records(const std::string& url, const AuditRun& run,
                                std::vector<nlohmann::json> records);

}  // namespace sg
