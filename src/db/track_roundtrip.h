// The round trip with [[tracks]]: each core track on its own, then each extension on a database
// where its core stands at the version it requires (seed 000: a sponsor deploys its extension
// on the core release it pinned, not on the newest one).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "db/roundtrip.h"
#include "core/track.h"
#include "core/migration.h"

namespace sg {

struct TrackRun {
  std::string track;
  std::string on;  // "core at version 12 (requires core >= 12)"; "" for a core track
  RoundTripReport report;
};

struct TrackedRoundTrip {
  std::vector<TrackRun> runs;  // tracks with something new to prove: cores, then extensions
  // All runs merged: migrations and timings of every run; facts of each track's own files
  // (an extension's run replays its core only as history, which the core's run reports).
  RoundTripReport merged;
  std::vector<std::string> tracks;  // the track of each merged.migrations entry
};

// Without tracks: run_roundtrip(set) as one run. With tracks: a core track's run has its own
// migrations; an extension's has its core up to the required version as history, then its own.
// A track runs when one of its migrations, or of that core prefix, is new.
TrackedRoundTrip run_track_roundtrips(const MigrationSet& set,
                                      const std::vector<TrackConfig>& tracks,
                                      const RoundTripOptions& options);

// results_of(merged) with each entry's track.
RoundTripResults results_of(const TrackedRoundTrip& run);
// write_roundtrip_text for each run, under a line naming its track.
void write_track_roundtrips_text(const TrackedRoundTrip& run, std::ostream& out);

}  // namespace sg
