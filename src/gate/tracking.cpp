#include "gate/tracking.h"

#include "layouts/layout.h"

#include <cctype>

namespace sg {
namespace {

// "sqitch.changes" -> "sqitch"."changes": the name comes from config or a flag, so it is
// quoted part by part, never pasted into SQL.
std::string quote_qualified(const std::string& name) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    out += quote_ident(name.substr(start, dot == std::string::npos ? std::string::npos
                                                                  : dot - start));
    if (dot == std::string::npos) break;
    out += ".";
    start = dot + 1;
  }
  return out;
}

std::string last_part(const std::string& name) {
  size_t dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

// Narrows `quoted` to one track's rows. The readers only ever say `FROM <table>`, so a subquery
// under the table's own name reads to them as the table.
std::optional<DbError> track_rows(Session& session, const std::string& quoted,
                                  TrackingState& state, std::string& from) {
  std::vector<Row> rows;
  std::string column = quote_ident(state.track_column);
  if (auto error = session.query(
          "SELECT count(*) FILTER (WHERE " + column + " IS NULL) FROM " + quoted, rows)) {
    return error;
  }
  state.unassigned_rows = rows.empty() ? 0 : std::stol(rows[0][0].value_or("0"));
  from = "(SELECT * FROM " + quoted + " WHERE " + column + " = " + quote_literal(state.track) +
         ") AS " + quote_ident(last_part(state.table));
  return std::nullopt;
}

}  // namespace

std::string track_column(const TrackingReader& reader) {
  return std::string(reader.track_column);
}

const TrackingReader* find_tracking_reader(std::string_view layout) {
  const Layout* found = find_layout(layout);
  return found != nullptr ? found->tracking : nullptr;
}

Result<TrackingState> read_tracking(Session& session, const TrackingReader& reader,
                             const std::string& table, const std::string& track) {
  Result<TrackingState> result;
  TrackingState state;
  state.table = table.empty() ? std::string(reader.default_table) : table;
  state.track = track;
  if (!track.empty()) state.track_column = track_column(reader);
  std::string quoted = quote_qualified(state.table);
  // to_regclass needs no privilege on the table and never errors on a missing one.
  std::vector<Row> rows;
  if (auto error =
          session.query("SELECT to_regclass(" + quote_literal(quoted) + ") IS NOT NULL", rows)) {
    result.error = state.table + ": " + error->message;
    return result;
  }
  state.exists = !rows.empty() && rows[0][0].value_or("f") == "t";
  if (state.exists) {
    std::string from = quoted;
    std::optional<DbError> error;
    if (!track.empty()) error = track_rows(session, quoted, state, from);
    if (!error) error = reader.read(session, from, state.rows);
    if (error) {
      result.error = state.table + ": " + error->message;
      if (!track.empty() && error->sqlstate == "42703") {
        result.error += " (track " + track + " keeps its rows in " + state.table +
                        " with a column " + state.track_column +
                        "; add it, or give the track a table: tracking = \"table\")";
      }
      return result;
    }
  }
  result.value = std::move(state);
  return result;
}

}  // namespace sg
