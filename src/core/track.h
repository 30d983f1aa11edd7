// Migration tracks ([[tracks]] in .schemagate.toml): a core schema and the extensions built on
// it (seed 000: sponsor migrations are numbered independently of core ones and need a core
// release). Each track has its own directory, layout, numbering and tracking rows.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"

namespace sg {

enum class RequirementOp { kAtLeast, kExactly };  // ">=" | "="
std::string_view to_string(RequirementOp op);

// `requires = "core >= 12"` of track `track`.
struct TrackRequirement {
  std::string track;     // the track that has the requirement, e.g. "sponsor_a"
  std::string required;  // the track it builds on, e.g. "core"
  RequirementOp op = RequirementOp::kAtLeast;
  std::string version;       // a version of the required track, compared as the layouts order them
  std::string text() const;  // "core >= 12"
};

struct TrackConfig {
  std::string name;
  std::string path;             // repo-relative directory
  std::string layout = "auto";  // or a layout name (repo/layout.h)
  std::optional<TrackRequirement> requirement;
  // Where the target keeps this track's applied versions: "column" means the layout's own
  // tracking table with a `track` column naming the row's track; "table" means a table of its
  // own, `tracking_table`.
  std::string tracking = "column";
  std::string tracking_table;
};

// Parses the value of `requires` for track `track`; the error says why `text` is not
// "TRACK >= VERSION" or "TRACK = VERSION".
Result<TrackRequirement> parse_requirement(const std::string& track, const std::string& text);

}  // namespace sg
