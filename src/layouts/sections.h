// Files that hold both directions (dbmate, goose): which lines belong to which section.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layouts/layout.h"

namespace sg {

struct Section {
  std::vector<bool> lines;  // per line of the file: inside this section (marker excluded)
  int marker_line = 0;      // 1-based; 0 when the file has no such marker
  std::string marker;       // the marker line's text, for its options
};

struct SplitFile {
  Section up;
  Section down;
};

// Whether any .sql file directly in `dir` satisfies `has_marker(text)`: how a layout that keeps
// both directions in one file (dbmate, goose) recognises its directory.
template <typename HasMarker>
bool any_sql_file_has(const Snapshot& files, const std::string& dir, HasMarker has_marker) {
  for (const auto& name : files.files_in(dir)) {
    if (ends_with(name, ".sql") && has_marker(files.read(join_path(dir, name)))) return true;
  }
  return false;
}

// `classify` returns "up" / "down" for a marker line, nothing otherwise. A section runs from
// its marker to the next marker or the end of the file.
template <typename Classify>
SplitFile split_sections(std::string_view text, Classify classify) {
  SplitFile out;
  auto lines = split_lines(text, nullptr);
  out.up.lines.assign(lines.size(), false);
  out.down.lines.assign(lines.size(), false);
  Section* current = nullptr;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::optional<std::string> kind = classify(lines[i]);
    if (kind) {
      current = *kind == "up" ? &out.up : &out.down;
      if (current->marker_line == 0) {
        current->marker_line = static_cast<int>(i) + 1;
        current->marker = std::string(lines[i]);
      }
      continue;
    }
    if (current != nullptr) current->lines[i] = true;
  }
  return out;
}

}  // namespace sg
