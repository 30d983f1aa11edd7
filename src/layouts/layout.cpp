#include "layouts/layout.h"

#include "core/layout_names.h"

namespace sg {

#define SG_LAYOUT(ident, name)                                  \
  bool claims_##ident(const Snapshot&, const std::string&);     \
  LayoutScan scan_##ident(const Snapshot&, const std::string&); \
  std::string expected_rollback_##ident(const Migration&);   \
  extern const TrackingReader tracking_##ident;
#include "layouts/layouts.def"
#undef SG_LAYOUT

const std::vector<Layout>& all_layouts() {
  static const std::vector<Layout> kLayouts = {
#define SG_LAYOUT(ident, name) {name, &claims_##ident, &scan_##ident, &expected_rollback_##ident, \
   &tracking_##ident},
#include "layouts/layouts.def"
#undef SG_LAYOUT
  };
  return kLayouts;
}

const Layout* find_layout(std::string_view name) {
  for (const auto& layout : all_layouts()) {
    if (layout.name == name) return &layout;
  }
  return nullptr;
}

std::vector<std::string> registered_layout_names() {
  std::vector<std::string> out;
  for (const auto& layout : all_layouts()) out.emplace_back(layout.name);
  return out;
}

}  // namespace sg
