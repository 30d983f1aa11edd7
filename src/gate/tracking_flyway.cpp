// Flyway's flyway_schema_history (or flyway.table): one row per run, with the CRC-32 of the
// file it ran (checksum.h) and whether it succeeded.
#include "gate/tracking.h"

namespace sg {
namespace {

std::string file_name(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Repeatable migrations have no version: Flyway knows them by their script.
std::string flyway_key(const Migration& m) {
  if (m.repeatable) return "R:" + file_name(m.up ? m.up->path : m.id);
  return canonical_version(m.version);
}

std::optional<DbError> read_flyway(Session& session, const std::string& table,
                                   std::vector<AppliedRow>& out) {
  std::vector<Row> rows;
  auto error = session.query(
      "SELECT version, script, checksum::text, success, installed_on::text FROM " + table +
          " WHERE type <> 'SCHEMA' ORDER BY installed_rank",
      rows);
  if (error) return error;
  for (const auto& row : rows) {
    AppliedRow r;
    std::string script = row[1].value_or("");
    r.key = row[0] ? canonical_version(*row[0]) : "R:" + file_name(script);
    r.label = row[0].value_or(script);
    r.checksum = row[2].value_or("");
    r.applied_at = row[4].value_or("");
    if (row[3].value_or("t") != "t") {
      r.state = RowState::kFailed;
      r.why = "success = false";
    }
    out.push_back(std::move(r));
  }
  return std::nullopt;
}

}  // namespace

const TrackingReader kFlywayTracking = {
    "flyway",    "flyway_schema_history", true, ChecksumKind::kFlywayCrc32, false,
    &flyway_key, &read_flyway,
};

}  // namespace sg
