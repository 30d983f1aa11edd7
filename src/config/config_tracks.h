// The [[tracks]] part of .schemagate.toml (config.cpp reads the rest). Internal to the config
// reader: it shares toml++ and the reader's error format.
#pragma once

#include <toml++/toml.h>

#include <functional>
#include <string>
#include <vector>

#include "core/track.h"

namespace sg {

// Reports one problem at a place of the file: "<dotted key>: <message>".
using ConfigErrorSink = std::function<void(const toml::source_region& where,
                                           const std::string& dotted, const std::string& message)>;

// What a value is, as an error message shows it: strings quoted, scalars as written.
std::string describe_value(const toml::node& node);

// Reads `tracks` (an array of tables) into `out`, checking names, paths, layouts, requirements
// and tracking settings; every problem goes to `error`.
void read_tracks(const toml::node& node, std::vector<TrackConfig>& out,
                 const ConfigErrorSink& error);

// The tracks as an array of tables, as read_tracks() reads them back.
toml::array tracks_to_toml(const std::vector<TrackConfig>& tracks);

}  // namespace sg
