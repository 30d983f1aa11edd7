// What a migration tool recorded on the target: each layout (layouts/<tool>.cpp) has a reader
// for the table that tool keeps, all behind one interface so `status` and `gate` stay
// layout-blind (gate/tracking.h reads the table with it).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/migration.h"
#include "core/query.h"

namespace sg {

enum class RowState {
  kApplied,
  kFailed,      // dirty, success = false, or started and never finished
  kRolledBack,  // the tool undid it and will apply it again (Prisma rolled_back_at, goose down)
};

struct AppliedRow {
  std::string key;  // what matches a repository migration (AppliedRow::key == key_of(m))
  std::string label;  // as the tool shows it: "3", "20240101_init", "add_users"
  std::string applied_at;
  std::string checksum;  // as recorded; "" when the tool records none
  RowState state = RowState::kApplied;
  std::string why;  // for kFailed / kRolledBack: "dirty", "success = false", ...
};

enum class ChecksumKind { kNone, kFlywayCrc32, kPrismaSha256 };

struct TrackingReader {
  std::string_view layout;
  std::string_view default_table;
  bool table_configurable;  // whether the tool lets a project rename its table
  ChecksumKind checksum;
  // golang-migrate keeps one row: the last version applied. Every repository migration up to
  // it counts as applied.
  bool high_water_mark;
  std::string (*key_of)(const Migration& m);
  // Reads every row of `table` (already quoted) in the order the tool applied them.
  std::optional<DbError> (*read)(Queryable& session, const std::string& table,
                                 std::vector<AppliedRow>& rows);
  // The column that names a row's migration track when tracks share the table.
  std::string_view track_column = "track";
  // What drift leaves out as the tool's own: "" for just the tracking table, or a pattern
  // ("sqitch.*": sqitch keeps a whole schema of them).
  std::string_view own_tables = "";
  // The tracking table as the tool creates it before the first migration (its default name),
  // "" when it keeps none in the schema the migrations see. The round trip creates it first,
  // as the tool does, so that a migration may touch it (harbor's ALTER TABLE schema_migrations).
  std::string_view create_sql = "";
  // The table the project's own tool configuration names for the migrations in
  // `migrations_dir` ("" for default_table), `where` naming the file; an error when it cannot be
  // read without running the project's code. nullptr when the tool has no such setting.
  std::string (*configured_table)(const std::string& work_tree, const std::string& migrations_dir,
                                  std::string& where, std::string& error) = nullptr;
};

// A version as the tools compare them: digit runs by value, so "001" and "1" are one version.
std::string canonical_version(const std::string& version);
std::string version_key(const Migration& m);

}  // namespace sg
