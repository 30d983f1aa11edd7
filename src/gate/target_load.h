// What `status` and `gate` share: their options, and reading the checkout's migrations and the
// target's tracking tables into one TargetStatus per migration track.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "gate/target_session.h"
#include "gate/target_status.h"

namespace sg {

struct TargetArgs {
  std::string repo = ".";
  std::vector<std::string> dirs;
  std::string layout = "auto";
  std::string config_path;
  std::string format = "text";
  std::vector<std::string> tracks;  // --track: only these tracks are deployed by this run
  TargetOptions target;
  std::string database_url_file;  // --database-url-file
};

// One migration track as the target records it; without [[tracks]], the only one, unnamed.
struct LoadedTrack {
  std::string name;
  std::optional<TrackRequirement> requirement;
  std::string own_table;  // [[tracks]] tracking = "table": its tracking_table; "" = shared
  bool selected = true;  // false: --track left it out, so nothing of it is deployed now
  MigrationSet set;
  TargetStatus status;  // points into `set`
};

// Owns the migrations the statuses point into, so it is never copied.
struct LoadedTarget {
  Config config;
  // The tracks others require first, then the extensions, each group in config order: the
  // order a deploy applies them.
  std::vector<LoadedTrack> tracks;
  std::vector<std::string> notes;
  bool has_tracks() const { return !tracks.empty() && !tracks.front().name.empty(); }
};

// Loads the config, discovers the migrations under --repo/--dir (or each [[tracks]] path) and
// reads the target; on failure returns nullptr with every reason in `errors`.
std::unique_ptr<LoadedTarget> load_target(const TargetArgs& args,
                                          std::vector<std::string>& errors);

// The status as `status` prints it and `gate --format json` embeds it: one TargetStatus, or
// with [[tracks]] {"tracks": [one per track, with "requires"]}.
nlohmann::json status_json(const LoadedTarget& loaded);
// Text or markdown; with [[tracks]] one block per track.
void write_status(const LoadedTarget& loaded, const std::string& format, std::ostream& out);

}  // namespace sg
