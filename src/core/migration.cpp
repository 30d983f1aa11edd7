#include "core/migration.h"

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
  bool transactional = m.up && m.up->transaction_mode != TransactionMode::kStatementByStatement;
  nlohmann::json out = {
      {"id", m.id},
      {"version", m.version},
      {"name", m.name},
      {"layout", m.layout},
      {"up", m.up ? nlohmann::json(m.up->path) : nlohmann::json(nullptr)},
      {"down", m.down ? nlohmann::json(m.down->path) : nlohmann::json(nullptr)},
      {"change", to_string(m.change)},
      {"transactional", transactional},
  };
  if (!m.track.empty()) out["track"] = m.track;
  return out;
}

nlohmann::json to_json(const MigrationSet& s) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : s.migrations) list.push_back(to_json(m));
  return list;
}

}  // namespace sg
