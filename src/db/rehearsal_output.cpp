// The data rehearsal's renderings: JSON, text lines, report notes, and the volume that failure
// messages mention.
#include <algorithm>
#include <cmath>
#include <iomanip>

#include "core/json_read.h"
#include "db/data_rehearsal.h"

namespace sg {

std::string rehearsal_volume(const RehearsalReport& report) {
  return " (with " + std::to_string(report.rows_per_table) + " rehearsal rows per table)";
}

nlohmann::json to_json(const RehearsalReport& report) {
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& t : report.tables) {
    tables.push_back({{"table", t.table}, {"rows", t.rows}, {"ms", std::lround(t.ms)}});
  }
  nlohmann::json unfilled = nlohmann::json::array();
  for (const auto& u : report.unfilled) {
    unfilled.push_back({{"table", u.table}, {"reason", u.reason}});
  }
  return {{"rows_per_table", report.rows_per_table},
          {"fill_ms", std::lround(report.fill_ms)},
          {"tables", tables},
          {"unfilled", unfilled}};
}

RehearsalReport rehearsal_from_json(const nlohmann::json& j) {
  RehearsalReport r;
  r.rows_per_table = static_cast<int>(json_number(j, "rows_per_table"));
  r.fill_ms = json_number(j, "fill_ms");
  for (const auto& t : json_array(j, "tables")) {
    r.tables.push_back({json_string(t, "table"), static_cast<long>(json_number(t, "rows")),
                        json_number(t, "ms")});
  }
  for (const auto& u : json_array(j, "unfilled")) {
    r.unfilled.push_back({json_string(u, "table"), json_string(u, "reason")});
  }
  return r;
}

void write_rehearsal_text(const RehearsalReport& report, std::ostream& out) {
  size_t width = 0;
  for (const auto& t : report.tables) width = std::max(width, t.table.size());
  out << "rehearsal: " << report.rows_per_table << " rows in each of " << report.tables.size()
      << (report.tables.size() == 1 ? " table" : " tables") << " (" << std::lround(report.fill_ms)
      << " ms)";
  if (!report.unfilled.empty()) out << ", " << report.unfilled.size() << " not filled";
  out << "\n";
  for (const auto& t : report.tables) {
    out << "  " << std::left << std::setw(static_cast<int>(width)) << t.table << std::right
        << std::setw(10) << t.rows << " rows" << std::setw(7) << std::lround(t.ms) << " ms\n";
  }
  for (const auto& u : report.unfilled)
    out << "  " << u.table << ": NOT FILLED: " << u.reason << "\n";
}

std::vector<std::string> rehearsal_notes(const RehearsalReport& report) {
  std::vector<std::string> notes;
  for (const auto& u : report.unfilled) {
    notes.push_back("data rehearsal: table " + u.table + " was not filled (" + u.reason +
                    "); the round trip ran with it empty");
  }
  return notes;
}

}  // namespace sg
