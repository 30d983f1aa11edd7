// The round trip's two renderings: the JSON contract and the text lines with timings.
#include <cmath>
#include <iomanip>

#include "db/lock_trace_output.h"
#include "db/roundtrip.h"

namespace sg {
namespace {

long rounded(double ms) { return std::lround(ms); }

}  // namespace

nlohmann::json to_json(const RoundTripReport& report) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : report.migrations) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& s : m.steps) {
      steps.push_back(
          {{"step", s.step},
           {"ok", s.ok},
           {"ms", rounded(s.ms)},
           {"error", s.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.error)}});
    }
    nlohmann::json entry = {{"migration", m.migration},
                            {"status", m.status},
                            {"steps", steps},
                            {"schema_diff", m.schema_diff},
                            {"server_version", m.server_version}};
    add_lock_trace_json(m, entry);
    list.push_back(std::move(entry));
  }
  if (report.rehearsal && !list.empty()) list[0]["rehearsal"] = to_json(*report.rehearsal);
  return list;
}

void write_roundtrip_text(const RoundTripReport& report, std::ostream& out) {
  if (report.rehearsal) write_rehearsal_text(*report.rehearsal, out);
  for (const auto& m : report.migrations) {
    double total = 0;
    for (const auto& s : m.steps) total += s.ms;
    out << "roundtrip " << m.migration << ": " << m.status;
    if (m.status != "skipped") out << " (" << rounded(total) << " ms)";
    out << "\n";
    for (const auto& s : m.steps) {
      out << "  " << std::left << std::setw(8) << s.step << (s.ok ? "ok    " : "FAILED")
          << std::right << std::setw(7) << rounded(s.ms) << " ms";
      if (!s.ok) out << "  " << s.error;
      out << "\n";
    }
    for (const auto& d : m.schema_diff) out << "  - " << d << "\n";
    write_lock_trace_text(m, out);
  }
  if (report.error.empty()) {
    out << "roundtrip: " << report.migrations.size()
        << (report.migrations.size() == 1 ? " migration" : " migrations") << " on PostgreSQL "
        << report.server_version << " (server start " << rounded(report.server_start_ms)
        << " ms, history of " << report.history_count << " in " << rounded(report.history_ms)
        << " ms, total " << rounded(report.total_ms) << " ms)\n";
  }
}

}  // namespace sg
