// What a migration tool recorded on the target: one reader per layout (tracking_<layout>.cpp)
// for the table that tool keeps, all behind one interface so `status` and `gate` stay
// layout-blind.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/migration.h"
#include "core/result.h"
#include "db/session.h"

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
  std::optional<DbError> (*read)(Session& session, const std::string& table,
                                 std::vector<AppliedRow>& rows);
  // The column that names a row's migration track when tracks share the table.
  std::string_view track_column = "track";
  // What drift leaves out as the tool's own: "" for just the tracking table, or a pattern
  // ("sqitch.*": sqitch keeps a whole schema of them).
  std::string_view own_tables = "";
};

extern const TrackingReader kPlainTracking;
extern const TrackingReader kGolangMigrateTracking;
extern const TrackingReader kFlywayTracking;
extern const TrackingReader kPrismaTracking;
extern const TrackingReader kDbmateTracking;
extern const TrackingReader kGooseTracking;
extern const TrackingReader kSqitchTracking;
extern const TrackingReader kLiquibaseTracking;

const TrackingReader* find_tracking_reader(std::string_view layout);

// A version as the tools compare them: digit runs by value, so "001" and "1" are one version.
std::string canonical_version(const std::string& version);
std::string version_key(const Migration& m);

struct TrackingState {
  std::string table;    // as read, "schema_migrations" or "sqitch.changes"
  bool exists = false;  // false: the tool never ran here, so nothing is applied
  std::vector<AppliedRow> rows;
  // With a track filter: the column and value read ("track", "core"), and how many rows of the
  // table name no track at all (NULL), which no track's status shows.
  std::string track_column;
  std::string track;
  long unassigned_rows = 0;
};


// The column of a shared tracking table that names a row's track ([[tracks]] tracking =
// "column"): sqitch already keeps one, `project`; every other tool's table gets a `track` column.
std::string track_column(const TrackingReader& reader);

// Reads the tracking table `table` ("" = the reader's default) inside the session's open
// transaction; with `track`, only the rows whose track_column() equals it. A table that does
// not exist is a state with exists = false, not an error; a table without the track column is.
// The error reads "<table>: <server message>".
Result<TrackingState> read_tracking(Session& session, const TrackingReader& reader,
                             const std::string& table, const std::string& track = "");

}  // namespace sg
