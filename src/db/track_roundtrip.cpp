#include "db/track_roundtrip.h"

#include <algorithm>
#include <set>

#include "layouts/tracks.h"

namespace sg {
namespace {

std::set<std::string> files_of(const std::vector<Migration>& migrations) {
  std::set<std::string> out;
  for (const auto& m : migrations) {
    if (m.up) out.insert(m.up->path);
    if (m.down) out.insert(m.down->path);
  }
  return out;
}

// The run of `track` as a MigrationSet: its core prefix first (history only: the core's own
// run proves its new migrations), then its own migrations as they are.
MigrationSet run_set(const MigrationSet& set, const TrackConfig& track, bool& any_new) {
  MigrationSet out = set;
  out.migrations.clear();
  any_new = false;
  if (track.requirement) {
    for (Migration& m : required_prefix(set, *track.requirement)) {
      any_new = any_new || is_new(m);
      m.change = ChangeKind::kUnchanged;
      out.migrations.push_back(std::move(m));
    }
  }
  for (const auto& m : set.migrations) {
    if (m.track != track.name) continue;
    any_new = any_new || is_new(m);
    out.migrations.push_back(m);
  }
  return out;
}

void merge(TrackedRoundTrip& out, const TrackRun& run, const std::set<std::string>& core_files,
           const TrackConfig& track) {
  RoundTripReport& merged = out.merged;
  const RoundTripReport& r = run.report;
  for (const auto& m : r.migrations) {
    merged.migrations.push_back(m);
    out.tracks.push_back(run.track);
  }
  for (MigrationFacts facts : r.facts) {
    if (core_files.count(facts.up.path) > 0) continue;  // the core's own run reported these
    if (track.requirement) {
      facts.extension = ExtensionRun{run.track, run.on, track.requirement->required};
    }
    merged.facts.push_back(std::move(facts));
  }
  if (merged.error.empty() && !r.error.empty())
    merged.error = "track " + run.track + ": " + r.error;
  if (merged.server_version.empty()) merged.server_version = r.server_version;
  if (merged.containment.migration_role.empty()) merged.containment = r.containment;
  // Every run fills its own database the same way; the first fill stands for all.
  if (!merged.rehearsal && r.rehearsal) merged.rehearsal = r.rehearsal;
  merged.server_start_ms += r.server_start_ms;
  merged.history_ms += r.history_ms;
  merged.total_ms += r.total_ms;
  merged.history_count += r.history_count;
}

}  // namespace

TrackedRoundTrip run_track_roundtrips(const MigrationSet& set,
                                      const std::vector<TrackConfig>& tracks,
                                      const RoundTripOptions& options) {
  TrackedRoundTrip out;
  if (tracks.empty()) {
    out.runs.push_back({"", "", run_roundtrip(set, options)});
    out.merged = out.runs.back().report;
    return out;
  }
  // Cores first, whatever the config's order: an extension's run leaves its core's findings to
  // the core's own run.
  std::vector<const TrackConfig*> order;
  for (const auto& track : tracks) {
    if (!track.requirement) order.push_back(&track);
  }
  for (const auto& track : tracks) {
    if (track.requirement) order.push_back(&track);
  }
  for (const TrackConfig* t : order) {
    const TrackConfig& track = *t;
    bool any_new = false;
    MigrationSet own = run_set(set, track, any_new);
    if (!any_new) continue;
    std::string on;
    std::set<std::string> core_files;
    if (track.requirement) {
      on = track.requirement->required + " at version " + track.requirement->version +
           " (requires " + track.requirement->text() + ")";
      bool core_ran = std::any_of(out.runs.begin(), out.runs.end(), [&](const TrackRun& r) {
        return r.track == track.requirement->required;
      });
      if (core_ran) core_files = files_of(required_prefix(set, *track.requirement));
    }
    out.runs.push_back({track.name, on, run_roundtrip(own, options)});
    merge(out, out.runs.back(), core_files, track);
  }
  return out;
}

RoundTripResults results_of(const TrackedRoundTrip& run) {
  RoundTripResults out = results_of(run.merged);
  for (size_t i = 0; i < out.tracks.size() && i < run.tracks.size(); ++i) {
    out.tracks[i] = run.tracks[i];
  }
  return out;
}

void write_track_roundtrips_text(const TrackedRoundTrip& run, std::ostream& out) {
  for (const auto& r : run.runs) {
    if (!r.track.empty()) {
      out << "track " << r.track << (r.on.empty() ? "" : " on " + r.on) << ":\n";
    }
    write_roundtrip_text(r.report, out);
  }
}

}  // namespace sg
