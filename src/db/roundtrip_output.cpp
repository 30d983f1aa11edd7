// The round trip's two renderings: the JSON contract and the text lines with timings.
#include <cmath>
#include <iomanip>

#include "core/json_read.h"
#include "db/lock_trace_output.h"
#include "db/roundtrip.h"

namespace sg {
namespace {

long rounded(double ms) { return std::lround(ms); }

}  // namespace

RoundTripResults results_of(const RoundTripReport& report) {
  RoundTripResults out;
  out.migrations = report.migrations;
  out.tracks.assign(report.migrations.size(), "");
  out.rehearsal = report.rehearsal;
  return out;
}

nlohmann::json to_json(const RoundTripResults& results) {
  nlohmann::json list = nlohmann::json::array();
  for (size_t i = 0; i < results.migrations.size(); ++i) {
    const MigrationRoundTrip& m = results.migrations[i];
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
    if (i < results.tracks.size() && !results.tracks[i].empty()) entry["track"] = results.tracks[i];
    list.push_back(std::move(entry));
  }
  if (results.rehearsal && !list.empty()) list[0]["rehearsal"] = to_json(*results.rehearsal);
  return list;
}

nlohmann::json to_json(const RoundTripReport& report) { return to_json(results_of(report)); }

MigrationRoundTrip migration_roundtrip_from_json(const nlohmann::json& entry) {
  MigrationRoundTrip m;
  m.migration = json_string(entry, "migration");
  m.status = json_string(entry, "status", "ok");
  m.server_version = json_string(entry, "server_version");
  for (const auto& s : json_array(entry, "steps")) {
    m.steps.push_back({json_string(s, "step"), json_bool(s, "ok"), json_number(s, "ms"),
                       json_string(s, "error")});
  }
  for (auto& d : json_strings(entry, "schema_diff")) {
    if (!d.empty()) m.schema_diff.push_back(std::move(d));
  }
  read_lock_trace_json(entry, m);
  return m;
}

RoundTripResults roundtrip_results_from_json(const nlohmann::json& list) {
  RoundTripResults out;
  if (!list.is_array()) return out;
  for (const auto& entry : list) {
    out.migrations.push_back(migration_roundtrip_from_json(entry));
    out.tracks.push_back(json_string(entry, "track"));
    if (!out.rehearsal && entry.is_object() && entry.contains("rehearsal")) {
      out.rehearsal = rehearsal_from_json(entry["rehearsal"]);
    }
  }
  return out;
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
