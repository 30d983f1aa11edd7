// The compliance record (seed 004's audit log: who, what, when, where, why, result): one JSON
// line per checked migration, appended to --audit-log FILE, with the sha256 of the up and down
// files so an auditor can prove which text was checked.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "report/report.h"

namespace sg {

struct AuditContext {
  std::string timestamp;        // ISO 8601 UTC, "2025-11-03T10:30:00Z"
  std::string executor;         // who ran it: GITHUB_ACTOR, else USER
  std::string environment;      // "ci", "staging", ...
  std::string database;         // what the round trip or gate ran against
  std::string justification;    // the pull request's title
  double duration_seconds = 0;  // when the report has no round-trip timings
  // File text by report path (nullopt: unreadable or deleted; its hash is null).
  std::function<std::optional<std::string>(const std::string& path)> read_file;
};

// Fills executor, timestamp, justification (from GITHUB_EVENT_PATH's pull request title) and
// a read_file that reads paths relative to the current directory.
AuditContext audit_context_from_environment();

// One record per migration of `report` (or per file, for lint). `only_changed`: leave out the
// migrations the change did not touch (check without --all).
std::vector<nlohmann::json> audit_records(const Report& report, const AuditContext& context,
                                          bool only_changed = false);
// Appends one line per record; returns "" or "<path>: cannot append: <why>".
std::string append_audit_log(const std::string& path, const std::vector<nlohmann::json>& records);

}  // namespace sg
