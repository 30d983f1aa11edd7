#include "core/migration.h"

#include "core/json_read.h"

namespace sg {

std::string_view to_string(ChangeKind c) {
  switch (c) {
    case ChangeKind::kAdded: return "added";
    case ChangeKind::kModified: return "modified";
    case ChangeKind::kDeleted: return "deleted";
    case ChangeKind::kRenamed: return "renamed";
    case ChangeKind::kUnchanged: return "unchanged";
  }
  return "unchanged";
}

bool under_review(const MigrationSet& set, const Migration& m) {
  if (m.change == ChangeKind::kDeleted) return false;
  return set.review_all || m.change != ChangeKind::kUnchanged;
}

nlohmann::json to_json(const Migration& m) {
  nlohmann::json out = to_json(reported(m));
  out.erase("up_sha256");
  out.erase("down_sha256");
  return out;
}

ReportedMigration reported(const Migration& m) {
  ReportedMigration r;
  r.id = m.id;
  r.version = m.version;
  r.name = m.name;
  r.layout = m.layout;
  r.up = m.up ? m.up->path : "";
  r.down = m.down ? m.down->path : "";
  r.change = std::string(to_string(m.change));
  r.transactional = m.up && m.up->transaction_mode != TransactionMode::kStatementByStatement;
  r.track = m.track;
  return r;
}

nlohmann::json to_json(const ReportedMigration& m) {
  auto or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
  };
  nlohmann::json out = {
      {"id", m.id},         {"version", m.version},         {"name", m.name},
      {"layout", m.layout}, {"up", or_null(m.up)},          {"down", or_null(m.down)},
      {"change", m.change}, {"transactional", m.transactional},
  };
  if (!m.track.empty()) out["track"] = m.track;
  out["up_sha256"] = or_null(m.up_sha256);
  out["down_sha256"] = or_null(m.down_sha256);
  return out;
}

ReportedMigration reported_migration_from_json(const nlohmann::json& j) {
  ReportedMigration m;
  m.up = json_string(j, "up");
  m.down = json_string(j, "down");
  m.id = json_string(j, "id", m.up);
  m.version = json_string(j, "version");
  m.name = json_string(j, "name");
  m.layout = json_string(j, "layout");
  m.change = json_string(j, "change");
  m.transactional = json_bool(j, "transactional");
  m.track = json_string(j, "track");
  m.up_sha256 = json_string(j, "up_sha256");
  m.down_sha256 = json_string(j, "down_sha256");
  return m;
}

nlohmann::json to_json(const MigrationSet& s) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : s.migrations) list.push_back(to_json(m));
  return list;
}

}  // namespace sg
