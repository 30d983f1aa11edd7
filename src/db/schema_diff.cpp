#include "db/schema_diff.h"

namespace sg {

std::vector<std::string> diff_snapshots(const SchemaSnapshot& expected,
                                        const SchemaSnapshot& actual, DiffMoment moment) {
  const bool rollback = moment == DiffMoment::kAfterRollback;
  const std::string extra = rollback ? " still exists after rollback"
                                     : " exists after reapply but not after the first up";
  const std::string missing = rollback ? " is missing after rollback" : " is missing after reapply";
  const std::string differs = rollback ? " differs after rollback" : " differs after reapply";
  std::vector<std::string> out;
  auto e = expected.objects.begin();
  auto a = actual.objects.begin();
  // Both maps are sorted by key: one merge pass yields the lines in object order.
  while (e != expected.objects.end() || a != actual.objects.end()) {
    if (a == actual.objects.end() || (e != expected.objects.end() && e->first < a->first)) {
      out.push_back(e->first + missing);
      ++e;
    } else if (e == expected.objects.end() || a->first < e->first) {
      out.push_back(a->first + extra);
      ++a;
    } else {
      if (e->second != a->second) {
        out.push_back(e->first + differs + ": was `" + e->second + "`, now `" + a->second + "`");
      }
      ++e;
      ++a;
    }
  }
  return out;
}

}  // namespace sg
