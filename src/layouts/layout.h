// A layout: one migration tool's conventions, one file per tool (src/layouts/<tool>.cpp) and one
// line in layouts.def: what it claims, how it scans and orders, where its rollback lives, and
// its tracking-table reader.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/migration.h"
#include "layouts/tracking_reader.h"
#include "repo/snapshot.h"

namespace sg {

struct Layout {
  std::string_view name;
  // Whether `dir` holds this layout's migrations (auto-detection).
  bool (*claims)(const Snapshot& files, const std::string& dir);
  LayoutScan (*scan)(const Snapshot& files, const std::string& dir);
  // Where this tool keeps the rollback of `m` (a path, or the section to write), for messages.
  std::string (*expected_rollback)(const Migration& m);
  // How `status` and `gate` read the tool's tracking table on the target.
  const TrackingReader* tracking;
};

// In detection priority (layouts/layouts.def): the most specific marker first, plain numbered
// SQL last.
const std::vector<Layout>& all_layouts();
const Layout* find_layout(std::string_view name);

}  // namespace sg
