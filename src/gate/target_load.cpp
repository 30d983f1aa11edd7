#include "gate/target_load.h"

#include <algorithm>
#include <filesystem>

#include "gate/gate_format.h"
#include "layouts/discover.h"
#include "layouts/tracks.h"
#include "layouts/work_tree.h"
#include "util/did_you_mean.h"

namespace sg {
namespace {

namespace fs = std::filesystem;


// The checkout's migrations under `dirs` ("" = auto-detect) as `layout`; "" on success.
std::string discover_work_tree(const std::string& repo, const std::vector<std::string>& dirs,
                               const std::string& layout, MigrationSet& set) {
  std::vector<std::string> errors;
  Snapshot files = work_tree_snapshot(repo, dirs, errors);
  DiscoverOptions options;
  options.dirs = dirs;
  options.layout = layout;
  set = discover_snapshots(files, nullptr, {}, options);
  for (const auto& e : files.errors()) errors.push_back(e);
  if (!errors.empty()) return errors.front();
  if (set.layout.empty()) {
    return dirs.empty() ? "no migrations found in " + repo +
                              "; name the directory with --dir and the tool with --layout"
                        : dirs.front() + " holds no migrations" +
                              (layout == "auto" ? "" : " of layout " + layout);
  }
  if (find_tracking_reader(set.layout) == nullptr) {
    return "several layouts found (" + set.layout +
           "); name one directory with --dir and its tool with --layout";
  }
  return "";
}

// Why `reader`'s tool cannot keep its rows in table `wanted` ("" = its own); "" when it can.
std::string cannot_rename(const TrackingReader& reader, const std::string& wanted) {
  if (wanted.empty() || reader.table_configurable || wanted == reader.default_table) return "";
  return "--tracking-table: " + std::string(reader.layout) + " always uses " +
         std::string(reader.default_table);
}

// false with the reason in `error`.
bool load_tracks(const TargetArgs& args, LoadedTarget& loaded, std::string& error_out) {
  const Config& config = loaded.config;
  std::vector<std::string> names;
  for (const auto& t : config.tracks) names.push_back(t.name);
  for (const auto& wanted : args.tracks) {
    if (std::find(names.begin(), names.end(), wanted) == names.end()) {
      error_out = "--track: no track named \"" + wanted + "\" in " + config.source +
                  did_you_mean(wanted, names);
      return false;
    }
  }
  std::vector<const TrackConfig*> order;
  for (const auto& t : config.tracks) {
    if (!t.requirement) order.push_back(&t);
  }
  for (const auto& t : config.tracks) {
    if (t.requirement) order.push_back(&t);
  }
  loaded.tracks.reserve(order.size());
  for (const TrackConfig* config_track : order) {
    const TrackConfig& t = *config_track;
    LoadedTrack& track = loaded.tracks.emplace_back();
    track.name = t.name;
    track.requirement = t.requirement;
    if (t.tracking == "table") track.own_table = t.tracking_table;
    track.selected = args.tracks.empty() ||
                     std::find(args.tracks.begin(), args.tracks.end(), t.name) != args.tracks.end();
    std::string error = discover_work_tree(args.repo, {t.path}, t.layout, track.set);
    if (!error.empty()) {
      error_out = "track " + t.name + ": " + error;
      return false;
    }
    for (auto& m : track.set.migrations) m.track = t.name;
  }
  for (const auto& track : loaded.tracks) {
    if (!track.requirement) continue;
    for (const auto& base : loaded.tracks) {
      if (base.name != track.requirement->required) continue;
      std::string missing = missing_required_version(base.set, *track.requirement);
      if (!missing.empty()) {
        error_out = missing;
        return false;
      }
    }
  }
  return true;
}

}  // namespace


std::unique_ptr<LoadedTarget> load_target(const TargetArgs& args,
                                          std::vector<std::string>& errors) {
  auto fail = [&errors](const std::string& message) {
    errors.push_back(message);
    return nullptr;
  };
  auto loaded = std::make_unique<LoadedTarget>();
  std::string config_path = args.config_path;
  if (config_path.empty()) {
    if (auto found = find_config(fs::absolute(args.repo).lexically_normal())) config_path = found->string();
  }
  ConfigResult config = resolve_config(config_path);
  errors.insert(errors.end(), config.errors.begin(), config.errors.end());
  if (!config.config) return nullptr;
  loaded->config = std::move(*config.config);
  const Config& cfg = loaded->config;

  if (cfg.tracks.empty()) {
    if (!args.tracks.empty()) return fail("--track needs [[tracks]] in the configuration");
    LoadedTrack& only = loaded->tracks.emplace_back();
    std::string error = discover_work_tree(args.repo, args.dirs, args.layout, only.set);
    if (!error.empty()) return fail(error);
  } else {
    if (!args.dirs.empty() || args.layout != "auto") {
      return fail("--dir and --layout cannot be combined with the [[tracks]] of " + cfg.source +
                  ": each track names its path and layout");
    }
    std::string error;
    if (!load_tracks(args, *loaded, error)) return fail(error);
  }

  std::string shared_table =
      args.target.tracking_table.empty() ? cfg.tracking_table : args.target.tracking_table;
  std::vector<TrackingQuery> queries;
  for (size_t i = 0; i < loaded->tracks.size(); ++i) {
    const LoadedTrack& track = loaded->tracks[i];
    TrackingQuery q;
    q.reader = find_tracking_reader(track.set.layout);
    q.table = track.own_table.empty() ? shared_table : track.own_table;
    if (q.table.empty() && q.reader->configured_table != nullptr && !track.set.directories.empty()) {
      std::string where;
      std::string error;
      q.table = q.reader->configured_table(args.repo, track.set.directories.front(), where, error);
      if (!error.empty()) return fail(track_prefix(track.name) + error);
      if (!q.table.empty()) {
        loaded->notes.push_back(track_prefix(track.name) + "tracking table " + q.table +
                                ", as " + where + " names it");
      }
    }
    std::string error = cannot_rename(*q.reader, q.table);
    if (!error.empty()) {
      return fail(track_prefix(track.name) + error);
    }
    if (loaded->has_tracks() && track.own_table.empty()) q.track = track.name;
    queries.push_back(std::move(q));
  }
  TargetRead read = read_target(args.target, queries);
  if (!read.error.empty()) return fail(read.error);
  for (size_t i = 0; i < loaded->tracks.size(); ++i) {
    LoadedTrack& track = loaded->tracks[i];
    const TrackingState& state = read.states[i];
    track.status = compare_with_target(track.set, *queries[i].reader, state);
    track.status.track = track.name;
    std::string who = track_prefix(track.name);
    if (!state.exists) {
      loaded->notes.push_back(who + state.table + " does not exist on the target: " +
                              std::string(queries[i].reader->layout) +
                              " never ran there, nothing is applied");
    }
    long n = state.unassigned_rows;
    std::string unassigned = state.table + ": " + std::to_string(n) +
                             (n == 1 ? " row has no " : " rows have no ") + state.track_column +
                             " (NULL); no track's status counts " + (n == 1 ? "it" : "them");
    auto& notes = loaded->notes;
    if (state.unassigned_rows > 0 &&
        std::find(notes.begin(), notes.end(), unassigned) == notes.end()) {
      notes.push_back(unassigned);
    }
  }
  return loaded;
}

nlohmann::json status_json(const LoadedTarget& loaded) {
  if (!loaded.has_tracks()) return to_json(loaded.tracks.front().status);
  nlohmann::json tracks = nlohmann::json::array();
  for (const auto& t : loaded.tracks) {
    nlohmann::json one = to_json(t.status);
    one["requires"] = t.requirement ? nlohmann::json(t.requirement->text()) : nlohmann::json();
    tracks.push_back(std::move(one));
  }
  return {{"tracks", std::move(tracks)}};
}

void write_status(const LoadedTarget& loaded, const std::string& format, std::ostream& out) {
  if (format == "json") {
    out << status_json(loaded).dump(2) << "\n";
    return;
  }
  bool first = true;
  for (const auto& t : loaded.tracks) {
    if (!first) out << "\n";
    first = false;
    if (format == "markdown") {
      write_status_markdown(t.status, out);
    } else {
      write_status_text(t.status, out);
    }
    if (t.requirement) {
      out << (format == "markdown" ? "\n" : "") << "requires " << t.requirement->text() << "\n";
    }
  }
}

}  // namespace sg
