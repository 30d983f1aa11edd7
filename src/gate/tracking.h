// Reads a migration tool's tracking table on the target with its layout's reader
// (layouts/tracking_reader.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/migration.h"
#include "layouts/tracking_reader.h"
#include "core/result.h"
#include "db/session.h"

namespace sg {

// The reader of the layout named `layout` (layouts/layouts.def); nullptr for an unknown name.
const TrackingReader* find_tracking_reader(std::string_view layout);

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
