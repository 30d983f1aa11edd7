#include "gate/target_status.h"

#include <map>

#include "gate/checksum.h"
#include "layouts/layout.h"

namespace sg {
namespace {

// The checksum the tool would record for the file as the repository has it now.
std::string file_checksum(ChecksumKind kind, const Migration& m) {
  if (!m.up) return "";
  if (kind == ChecksumKind::kFlywayCrc32) return std::to_string(flyway_checksum(m.up->text));
  if (kind == ChecksumKind::kPrismaSha256) return prisma_checksum(m.up->text);
  return "";
}

// How status names a repository migration: its version, or the name the tool knows it by.
std::string repo_label(const Migration& m, const std::string& key) {
  return key == canonical_version(m.version) ? m.version : key;
}

MigrationStatus from_row(const Migration& m, const std::string& key, const AppliedRow& row,
                         ChecksumKind kind) {
  MigrationStatus s;
  s.migration = &m;
  s.label = repo_label(m, key);
  s.file = m.up ? m.up->path : "";
  s.applied_at = row.applied_at;
  if (row.state == RowState::kFailed) {
    s.state = MigrationState::kFailed;
    s.detail = row.why;
  } else if (row.state == RowState::kRolledBack) {
    s.state = MigrationState::kPending;
    s.detail = row.why;
  } else {
    s.state = MigrationState::kApplied;
    std::string now = file_checksum(kind, m);
    // Flyway re-runs a changed repeatable migration: that is its design, not an edit.
    if (!now.empty() && !row.checksum.empty() && now != row.checksum && !m.repeatable) {
      s.state = MigrationState::kChecksumMismatch;
      s.detail = "recorded checksum " + row.checksum + ", the file's is " + now;
    } else if (!now.empty() && now != row.checksum && m.repeatable) {
      s.state = MigrationState::kPending;
      s.detail = "repeatable, changed since it ran";
    }
  }
  return s;
}

}  // namespace

std::string_view to_string(MigrationState s) {
  switch (s) {
    case MigrationState::kApplied: return "applied";
    case MigrationState::kPending: return "pending";
    case MigrationState::kMissing: return "missing";
    case MigrationState::kFailed: return "failed";
    case MigrationState::kChecksumMismatch: return "changed";
  }
  return "pending";
}

size_t TargetStatus::count(MigrationState s) const {
  size_t n = 0;
  for (const auto& e : entries) n += e.state == s ? 1 : 0;
  return n;
}

const MigrationStatus* TargetStatus::latest_applied() const {
  const MigrationStatus* latest = nullptr;
  for (const auto& e : entries) {
    if (e.migration != nullptr && e.state != MigrationState::kPending) latest = &e;
  }
  return latest;
}

TargetStatus compare_with_target(const MigrationSet& set, const TrackingReader& reader,
                                 const TrackingState& state) {
  TargetStatus out;
  out.layout = std::string(reader.layout);
  out.table = state.table;
  if (!state.track_column.empty()) {
    out.rows_where = state.track_column + " = '" + state.track + "'";
  }
  out.table_exists = state.exists;
  out.records_checksums = reader.checksum != ChecksumKind::kNone;
  std::map<std::string, const AppliedRow*> by_key;
  // A key recorded twice (Prisma retries, Flyway re-runs) counts by its latest row.
  for (const auto& row : state.rows) by_key[row.key] = &row;
  std::map<std::string, bool> matched;
  const AppliedRow* mark = reader.high_water_mark && !state.rows.empty() ? &state.rows.back()
                                                                          : nullptr;
  for (const auto& m : set.migrations) {
    if (m.change == ChangeKind::kDeleted) continue;
    std::string key = reader.key_of(m);
    auto it = by_key.find(key);
    if (it != by_key.end()) {
      matched[key] = true;
      out.entries.push_back(from_row(m, key, *it->second, reader.checksum));
    } else if (mark != nullptr && version_less(m.version, mark->label)) {
      AppliedRow below = *mark;
      below.state = RowState::kApplied;  // only the last version can be the dirty one
      below.applied_at.clear();
      out.entries.push_back(from_row(m, key, below, reader.checksum));
    } else {
      MigrationStatus s;
      s.migration = &m;
      s.label = repo_label(m, key);
      s.file = m.up ? m.up->path : "";
      out.entries.push_back(std::move(s));
    }
  }
  for (const auto& row : state.rows) {
    if (matched.count(row.key) > 0 || by_key[row.key] != &row) continue;
    if (row.state == RowState::kRolledBack) continue;  // undone: nothing on the target
    MigrationStatus s;
    s.state = row.state == RowState::kFailed ? MigrationState::kFailed : MigrationState::kMissing;
    s.label = row.label;
    s.applied_at = row.applied_at;
    s.detail = row.state == RowState::kFailed ? row.why + "; no file in the repository"
                                              : "no file in the repository";
    out.entries.push_back(std::move(s));
  }
  return out;
}

std::string track_prefix(const std::string& track) {
  return track.empty() ? "" : "track " + track + ": ";
}

std::string status_line(const MigrationStatus& s) {
  std::string state(to_string(s.state));
  std::string line = state + std::string(9 - state.size(), ' ') + s.label;
  if (!s.file.empty()) line += "  " + s.file;
  std::string extra = s.detail;
  if (s.state == MigrationState::kApplied && !s.applied_at.empty()) extra = s.applied_at;
  if (!extra.empty()) line += "  (" + extra + ")";
  return line;
}

std::string status_summary(const TargetStatus& status) {
  std::string head = track_prefix(status.track) + status.table +
                     (status.rows_where.empty() ? "" : " where " + status.rows_where) + " (" +
                     status.layout + ")";
  if (!status.table_exists) {
    return head + ": the table does not exist, so nothing is applied; " +
           std::to_string(status.count(MigrationState::kPending)) + " pending";
  }
  std::string s = head + ":";
  bool first = true;
  for (MigrationState st : {MigrationState::kApplied, MigrationState::kPending,
                            MigrationState::kMissing, MigrationState::kFailed,
                            MigrationState::kChecksumMismatch}) {
    size_t n = status.count(st);
    if (n == 0 && st != MigrationState::kApplied && st != MigrationState::kPending) continue;
    s += std::string(first ? " " : ", ") + std::to_string(n) + " " + std::string(to_string(st));
    first = false;
  }
  return s;
}

nlohmann::json to_json(const TargetStatus& status) {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& e : status.entries) {
    entries.push_back({
        {"state", to_string(e.state)},
        {"version", e.label},
        {"id", e.migration != nullptr ? nlohmann::json(e.migration->id) : nlohmann::json()},
        {"file", e.file.empty() ? nlohmann::json() : nlohmann::json(e.file)},
        {"applied_at", e.applied_at.empty() ? nlohmann::json() : nlohmann::json(e.applied_at)},
        {"detail", e.detail},
    });
  }
  nlohmann::json out = {{"layout", status.layout}, {"tracking_table", status.table}};
  if (!status.track.empty()) out["track"] = status.track;
  if (!status.rows_where.empty()) out["rows_where"] = status.rows_where;
  out["table_exists"] = status.table_exists;
  out["records_checksums"] = status.records_checksums;
  out["migrations"] = std::move(entries);
  return out;
}

}  // namespace sg
